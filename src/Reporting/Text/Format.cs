using System.Globalization;
using Surveys.Rules;

namespace Surveys.Reporting.Text;

/// <summary>
/// How figures are printed. Only presentation: every number comes from a FigureSet as the stats
/// API returns it (means to 2 decimals, indexes to 1, proportions to 4 shown as percent to 1).
/// </summary>
public static class Format
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The suppression wording, the same in tiles, tables and charts.</summary>
    public static string Withheld(int minResponses) => $"fewer than {minResponses} responses";

    public static string Mean(double value) => value.ToString("0.00", Invariant);
    public static string Index(double value) => value.ToString("0.0", Invariant);
    public static string Percent(double proportion) => (proportion * 100).ToString("0.0", Invariant) + "%";
    public static string Count(long n) => n.ToString("#,0", Invariant);

    public static string Interval(double[] ci, Func<double, string> show) => $"{show(ci[0])}–{show(ci[1])}";

    /// <summary>Signed difference with a real minus sign; "±0" when nothing moved.</summary>
    public static string Signed(double delta, string pattern, string suffix = "")
    {
        var magnitude = Math.Abs(delta).ToString(pattern, Invariant);
        if (Math.Abs(delta) < 1e-9 || magnitude.Trim('0', '.') == "") return "±0" + suffix;
        return (delta > 0 ? "+" : "−") + magnitude + suffix;
    }

    /// <summary>A change in a measure's own unit; a rate changes by percentage points.</summary>
    public static string Delta(Measure measure, double delta) =>
        measure.DeltaPattern == Points ? Signed(delta * 100, "0.0", " pts") : Signed(delta, measure.DeltaPattern);

    public const string Points = "pts";

    public static string MonthName(string month) => First(month).ToString("MMMM yyyy", Invariant);
    public static string MonthShort(string month) => First(month).ToString("MMM", Invariant);
    public static string MonthShortYear(string month) => First(month).ToString("MMM yyyy", Invariant);

    public static string Date(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMMM yyyy, HH:mm", Invariant);

    public static string Day(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("d MMM yyyy", Invariant);

    /// <summary>"traffic-stop" → "Traffic stop".</summary>
    public static string ContactType(string code)
    {
        var words = code.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? code : char.ToUpperInvariant(words[0]) + words[1..];
    }

    static DateOnly First(string month) =>
        Months.TryParse(month, out var first) ? first : throw new ArgumentException($"Not a month: {month}", nameof(month));
}
