using System.Globalization;
using System.Resources;
using Surveys.Figures;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Api.Public;

/// <summary>
/// The public pages' words in one language (PublicStrings*.resx, keyed so further languages are a
/// file each) and the few presentation rules that depend on it: month names, and the small counts
/// shown as "fewer than N" so they cannot point at one resident.
/// </summary>
public sealed class PublicText(string lang, int min)
{
    static readonly ResourceManager Strings = new("Surveys.Api.Public.PublicStrings", typeof(PublicText).Assembly);

    /// <summary>Languages this project ships public texts for; the page offers those also in Surveys:Languages.</summary>
    public static readonly IReadOnlyList<string> Shipped = ["en", "es"];

    public string Lang => lang;
    public int Min => min;

    public string this[string key] => Strings.GetString(key, CultureInfo.GetCultureInfo(lang)) ?? key;
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

    public string Month(string month) => First(month).ToString("MMMM yyyy", CultureInfo.GetCultureInfo(lang));
    public string MonthShort(string month) => First(month).ToString("MMM yy", CultureInfo.GetCultureInfo(lang));
    public string MonthCell(FigureSet f) => f.Preliminary ? $"{Month(f.Month)} ({this["Preliminary"]})" : Month(f.Month);

    /// <summary>0 is shown (it names no one); 1 to MinResponses − 1 is "fewer than N".</summary>
    public string Count(long n) => n > 0 && n < min ? F("FewerThan", min) : Format.Count(n);

    public string Value(Measure m) => m.Value is { } v ? m.Show(v) : m.N == 0 ? this["NoAnswers"] : this["Withheld"];

    /// <summary>The language's own name (a BCP 47 tag .NET does not know is shown as the tag).</summary>
    public static string LanguageName(string tag)
    {
        try { return CultureInfo.GetCultureInfo(tag).NativeName; }
        catch (CultureNotFoundException) { return tag; }
    }

    static DateOnly First(string month) => Months.TryParse(month, out var d) ? d : default;
}
