using Surveys.Rules;

namespace Surveys.Texts;

/// <summary>
/// Everything a resident reads, in the languages the agency offers: the shipped resource files,
/// with the agency's override files (see <see cref="TextOverrides"/>) laid over them. English is
/// always offered: it is what a resident gets when their language has no texts.
/// </summary>
public sealed class TextCatalog
{
    /// <summary>The languages the project ships texts for, in the order the picker lists them.</summary>
    public static readonly IReadOnlyList<string> Shipped = ["en", "es", "pt", "vi", "zh-Hans", "ht", "ar", "ko", "ru", "pl"];
    public static readonly IReadOnlyList<string> DefaultOffered = ["en", "es"];

    static readonly Dictionary<string, string> Autonyms = new()
    {
        ["en"] = "English", ["es"] = "Español", ["pt"] = "Português", ["vi"] = "Tiếng Việt", ["zh-Hans"] = "中文（简体）",
        ["ht"] = "Kreyòl ayisyen", ["ar"] = "العربية", ["ko"] = "한국어", ["ru"] = "Русский", ["pl"] = "Polski",
    };

    /// <summary>All ten languages, no overrides: what code without the app's catalog (and most tests) reads.</summary>
    public static readonly TextCatalog ShippedTexts = new(Shipped, new Dictionary<string, IReadOnlyDictionary<string, string>>());

    readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> overrides;

    public TextCatalog(IEnumerable<string> offered, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> overrides)
    {
        var set = offered.Select(Map).OfType<string>().Append("en").ToHashSet();
        Offered = [.. Shipped.Where(set.Contains)];
        this.overrides = overrides;
    }

    public IReadOnlyList<string> Offered { get; }

    /// <summary>The catalog the configuration describes; throws (stopping start-up) on a bad override file.</summary>
    public static TextCatalog FromOptions(SurveysOptions options, IReadOnlyList<TextSource> sources, bool strict) =>
        new(options.Languages is { Count: > 0 } l ? l : DefaultOffered, TextOverrides.Load(options.Texts.Directory, sources, strict));

    /// <summary>
    /// A BCP 47 tag to the shipped language it reads as: the primary subtag decides (pt-BR → pt,
    /// es-419 → es), except that Chinese is Simplified unless the tag says Traditional (zh-Hant,
    /// or zh-TW/-HK/-MO without a script). Null when no texts ship for it, or the tag is malformed.
    /// </summary>
    public static string? Map(string? tag)
    {
        if (!LanguageTag.TryNormalize(tag, out var canonical)) return null;
        var parts = canonical.Split('-');
        if (parts[0] == "zh")
        {
            var script = parts.Skip(1).FirstOrDefault(p => p.Length == 4 && char.IsAsciiLetter(p[0]));
            var region = parts.Skip(1).FirstOrDefault(p => p.Length == 2);
            var traditional = script == "Hant" || (script is null && region is "TW" or "HK" or "MO");
            return traditional ? null : "zh-Hans";
        }
        return Shipped.Contains(parts[0]) ? parts[0] : null;
    }

    /// <summary>The first tag that maps to an offered language (the page's ?lang=, then the contact's); else English.</summary>
    public string Resolve(params string?[] tags) =>
        tags.Select(Map).FirstOrDefault(l => l is not null && Offered.Contains(l)) ?? "en";

    public string Get(TextSource source, string key, string lang) =>
        overrides.TryGetValue(lang, out var texts) && texts.TryGetValue(key, out var text) ? text : source.Get(key, lang) ?? key;

    public static bool IsRightToLeft(string lang) => lang == "ar";

    public static string Autonym(string lang) => Autonyms[lang];
}
