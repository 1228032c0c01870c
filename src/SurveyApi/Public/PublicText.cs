using System.Globalization;
using System.Xml.Linq;
using Surveys.Figures;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Api.Public;

/// <summary>
/// The public pages' words in one language (PublicStrings*.resx, keyed so further languages are a
/// file each) and the few presentation rules that depend on it: month names, and the small counts
/// shown as "fewer than N" so they cannot point at one resident.
/// </summary>
/// <remarks>
/// The .resx files are embedded as plain XML (SurveyApi.csproj: WithCulture="false",
/// Type="Non-Resx") and read here, keyed by the file's language suffix — not through
/// ResourceManager and satellite assemblies, which need a culture .NET knows: the build does not
/// know <c>ht</c> (Haitian Creole) and would silently treat PublicStrings.ht.resx as neutral.
/// </remarks>
public sealed class PublicText(string lang, int min)
{
    const string Prefix = "Surveys.Api.Public.PublicStrings";

    /// <summary>Languages this project ships public texts for; the page offers those also in Surveys:Languages.</summary>
    public static readonly IReadOnlyList<string> Shipped = ["en", "es", "pt", "vi", "zh-Hans", "ht", "ar", "ko", "ru", "pl"];

    /// <summary>Each shipped language's texts ("en" is the neutral file), read once from the embedded .resx XML.</summary>
    static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Files = new(() =>
        Shipped.ToDictionary(l => l, l => Load(l == "en" ? $"{Prefix}.resx" : $"{Prefix}.{l}.resx"), StringComparer.OrdinalIgnoreCase));

    static IReadOnlyDictionary<string, string> Load(string name)
    {
        using var stream = typeof(PublicText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded public texts {name} are missing (SurveyApi.csproj).");
        return XDocument.Load(stream).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    /// <summary>The texts of one shipped language (English for any other tag).</summary>
    public static IReadOnlyDictionary<string, string> Texts(string lang) =>
        Files.Value.TryGetValue(lang, out var t) ? t : Files.Value["en"];

    public string Lang => lang;
    public int Min => min;

    /// <summary>The language's own text, else the English one (a key missing from a file), else the key.</summary>
    public string this[string key] => Texts(lang).TryGetValue(key, out var s) || Files.Value["en"].TryGetValue(key, out s) ? s : key;
    public string F(string key, params object[] args) => string.Format(CultureInfo.GetCultureInfo(lang), this[key], args);

    public static bool RightToLeft(string lang) => lang is "ar" or "he" or "fa" or "ur";

    /// <summary>The configured languages we have texts for (English at least), and the one to use: ?lang= if offered, else the first.</summary>
    public static (string Lang, IReadOnlyList<string> Offered) Resolve(string? requested, IEnumerable<string>? configured)
    {
        var offered = (configured ?? ["en", "es"]).Select(l => Shipped.FirstOrDefault(s => string.Equals(s, l, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct().ToList();
        if (offered.Count == 0) offered.Add("en");
        var lang = offered.FirstOrDefault(l => string.Equals(l, requested, StringComparison.OrdinalIgnoreCase)) ?? offered[0];
        return (lang, offered);
    }

    public string Month(string month) => Own.TryGetValue(lang, out var names)
        ? $"{names[First(month).Month - 1]} {First(month).Year}" : First(month).ToString("MMMM yyyy", CultureInfo.GetCultureInfo(lang));
    public string MonthShort(string month) => Own.TryGetValue(lang, out var names)
        ? $"{names[First(month).Month - 1][..Math.Min(3, names[First(month).Month - 1].Length)]} {First(month):yy}" : First(month).ToString("MMM yy", CultureInfo.GetCultureInfo(lang));

    /// <summary>
    /// Month names for shipped languages .NET has no data for: ICU answers <c>ht</c> with French
    /// month names ("juillet"), so Haitian Creole brings its own.
    /// </summary>
    static readonly Dictionary<string, string[]> Own = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ht"] = ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"],
    };
    public string MonthCell(FigureSet f) => f.Preliminary ? $"{Month(f.Month)} ({this["Preliminary"]})" : Month(f.Month);

    /// <summary>0 is shown (it names no one); 1 to MinResponses − 1 is "fewer than N".</summary>
    public string Count(long n) => n > 0 && n < min ? F("FewerThan", min) : Format.Count(n);

    public string Value(Measure m) => m.Value is { } v ? m.Show(v) : m.N == 0 ? this["NoAnswers"] : this["Withheld"];

    /// <summary>
    /// The language's own name; for a tag .NET has no culture of its own for (<c>ht</c>: ICU's
    /// is French), the name in our own file, else the tag.
    /// </summary>
    public static string LanguageName(string tag)
    {
        try { return CultureInfo.GetCultureInfo(tag, predefinedOnly: true).NativeName; }
        catch (CultureNotFoundException)
        {
            return Files.Value.TryGetValue(tag, out var t) && t.TryGetValue("LanguageName", out var name) ? name : tag;
        }
    }

    static DateOnly First(string month) => Months.TryParse(month, out var d) ? d : default;
}
