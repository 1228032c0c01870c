using System.Text.Json;
using System.Text.RegularExpressions;

namespace Surveys.Texts;

/// <summary>
/// The agency's own wording, read once at start-up from <c>Surveys:Texts:Directory</c>: one
/// <c>&lt;lang&gt;.json</c> per language (<c>es.json</c>, <c>zh-Hans.json</c>), each a flat
/// <c>{ "key": "text" }</c> object. A mistake stops the start with a message naming the file and
/// key, rather than a resident seeing a key name or a broken sentence: a file for a language with
/// no texts, a key no resource file has, a value that is not a string, or placeholders ({0}, {1})
/// other than the shipped text's. The worker (strict = false) knows only the SMS keys and skips
/// the others; the API, which knows every key, checks them.
/// </summary>
public static partial class TextOverrides
{
    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Load(string? directory, IReadOnlyList<TextSource> sources, bool strict)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        if (string.IsNullOrWhiteSpace(directory)) return result;
        var dir = Path.GetFullPath(directory);
        if (!Directory.Exists(dir)) throw new InvalidOperationException($"Surveys:Texts:Directory: the folder '{dir}' does not exist.");
        var neutral = new Dictionary<string, string>();
        foreach (var source in sources)
            foreach (var (key, text) in source.Neutral) neutral[key] = text;

        foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var lang = Path.GetFileNameWithoutExtension(file);
            var name = Path.GetFileName(file);
            if (!TextCatalog.Shipped.Contains(lang))
                throw new InvalidOperationException($"Text override {name}: no texts ship for '{lang}'; name files after one of {string.Join(", ", TextCatalog.Shipped)}.");
            Dictionary<string, JsonElement>? entries;
            try { entries = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(file)); }
            catch (JsonException e) { throw new InvalidOperationException($"Text override {name}: not a JSON object of key: text ({e.Message})", e); }
            var texts = new Dictionary<string, string>();
            foreach (var (key, value) in entries ?? [])
            {
                if (!neutral.TryGetValue(key, out var shipped))
                {
                    if (strict) throw new InvalidOperationException($"Text override {name}: unknown key '{key}' (see docs/languages.md for the keys).");
                    continue;
                }
                if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
                    throw new InvalidOperationException($"Text override {name}: '{key}' must be a non-empty string.");
                if (!Placeholders(text).SetEquals(Placeholders(shipped)))
                    throw new InvalidOperationException($"Text override {name}: '{key}' must use the placeholders {{{string.Join("}, {", Placeholders(shipped).Order())}}} of the shipped text, no others.");
                texts[key] = text;
            }
            result[lang] = texts;
        }
        return result;
    }

    static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];
}
