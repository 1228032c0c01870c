using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Resources;

namespace Surveys.Texts;

/// <summary>
/// One resource file and its translations (Strings.resx, Strings.es.resx …), all embedded in the
/// assembly itself rather than as satellite assemblies: satellites are found through the
/// machine's ICU culture list, and a Linux box without Haitian Creole in it would quietly serve
/// `ht` residents English (MSBuild would not even build the satellite). See the csproj files.
/// </summary>
public sealed class TextSource(Assembly assembly, string baseName)
{
    readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>?> languages = new();

    public string BaseName => baseName;

    /// <summary>The English (neutral) texts: every key there is.</summary>
    public IReadOnlyDictionary<string, string> Neutral => For("en")!;

    /// <summary>A language's texts, or null when none ship for it.</summary>
    public IReadOnlyDictionary<string, string>? For(string lang) => languages.GetOrAdd(lang, l =>
    {
        using var stream = assembly.GetManifestResourceStream(l == "en" ? $"{baseName}.resources" : $"{baseName}.{l}.resources");
        if (stream is null) return null;
        using var reader = new ResourceReader(stream);
        var texts = new Dictionary<string, string>();
        foreach (DictionaryEntry e in reader) texts[(string)e.Key] = (string)e.Value!;
        return texts;
    });

    public string? Get(string key, string lang) =>
        For(lang)?.GetValueOrDefault(key) ?? Neutral.GetValueOrDefault(key);
}
