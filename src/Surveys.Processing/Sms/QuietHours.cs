namespace Surveys.Processing.Sms;

public static class QuietHours
{
    /// <summary>
    /// Whether <paramref name="now"/> falls in the quiet window, read on the agency's wall clock
    /// (so 08:00 stays 08:00 across a daylight-saving change). The window may span midnight.
    /// </summary>
    public static bool Contains(DateTimeOffset now, TimeZoneInfo zone, QuietHoursOptions quiet)
    {
        if (quiet.Start == quiet.End) return false;
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(now, zone).TimeOfDay);
        return local.IsBetween(quiet.Start, quiet.End);
    }
}
