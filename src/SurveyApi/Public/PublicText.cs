using System.Globalization;
using Surveys.Figures;
using Surveys.Reporting.Text;
using Surveys.Rules;
using Surveys.Texts;

namespace Surveys.Api.Public;

/// <summary>
/// The public pages' words in one language (PublicStrings*.resx, keyed so further languages are a
/// file each) and the few presentation rules that depend on it: month names, and the small counts
/// shown as "fewer than N" so they cannot point at one resident.
/// </summary>
/// <remarks>
/// The texts are a <see cref="TextSource"/> like the resident pages' (embedded in the assembly, not
/// satellites: the build does not know <c>ht</c>), read through the app's <see cref="TextCatalog"/>
/// so the agency's override files apply here too.
/// </remarks>
public sealed class PublicText(string lang, int min, TextCatalog? catalog = null)
{
    public static readonly TextSource Strings = new(typeof(PublicText).Assembly, "Surveys.Api.Public.PublicStrings");

    /// <summary>Languages this project ships public texts for; the page offers those also in Surveys:Languages.</summary>
    public static IReadOnlyList<string> Shipped => TextCatalog.Shipped;

    /// <summary>The shipped texts of one language (English for any other tag).</summary>
    public static IReadOnlyDictionary<string, string> Texts(string lang) => Strings.For(lang) ?? Strings.Neutral;

    public string Lang => lang;
    public int Min => min;

    /// <summary>The language's own text, else the English one (a key missing from a file), else the key.</summary>
    public string this[string key] => (catalog ?? TextCatalog.ShippedTexts).Get(Strings, key, lang);
    public string F(string key, params object[] args) => string.Format(CultureInfo.GetCultureInfo(lang), this[key], args);

    public static bool RightToLeft(string lang) => TextCatalog.IsRightToLeft(lang);

    /// <summary>The configured languages we have texts for (English at least), and the one to use: ?lang= if offered, else the first.</summary>
    public static (string Lang, IReadOnlyList<string> Offered) Resolve(string? requested, IEnumerable<string>? configured)
    {
        var offered = (configured ?? ["en", "es"]).Select(l => Shipped.FirstOrDefault(s => string.Equals(s, l, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct().ToList();
        if (offered.Count == 0) offered.Add("en");
        var mapped = TextCatalog.Map(requested); // pt-BR reads as pt, zh-CN as zh-Hans
        var lang = offered.FirstOrDefault(l => l == mapped) ?? offered[0];
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
            return Strings.For(tag)?.GetValueOrDefault("LanguageName") ?? tag;
        }
    }

    static DateOnly First(string month) => Months.TryParse(month, out var d) ? d : default;
}
