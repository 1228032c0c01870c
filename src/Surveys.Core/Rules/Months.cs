using System.Globalization;

namespace Surveys.Rules;

/// <summary>Month buckets ('YYYY-MM') in the agency's time zone: a contact counts in the month it happened.</summary>
public static class Months
{
    public static string Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The months a query may name: no contact predates 2000, and the ends of DateOnly's range
    /// (0001-01, 9999-12) would overflow the month arithmetic behind every figure.</summary>
    public const int FirstYear = 2000, LastYear = 2999;

    public static readonly string Problem = $"must be a month in the form YYYY-MM from {FirstYear}-01 to {LastYear}-12, e.g. 2026-10.";

    public static bool TryParse(string? text, out DateOnly firstDay)
    {
        firstDay = default;
        return text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay)
            && firstDay.Year is >= FirstYear and <= LastYear;
    }

    public static string Format(DateOnly firstDay) => firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Shift(string month, int months)
    {
        if (!TryParse(month, out var first)) throw new ArgumentException($"Not a month: {month}", nameof(month));
        return Format(first.AddMonths(months));
    }

    /// <summary>The instant the month ends (midnight starting the next month, local time).</summary>
    public static DateTimeOffset End(string month, TimeZoneInfo zone)
    {
        if (!TryParse(month, out var first)) throw new ArgumentException($"Not a month: {month}", nameof(month));
        var local = first.AddMonths(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
