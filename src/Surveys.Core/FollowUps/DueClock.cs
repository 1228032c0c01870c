namespace Surveys.FollowUps;

/// <summary>
/// Due dates on the agency's wall clock: a request opened at 10:00 and due in three days is due at
/// 10:00 three days later even when a daylight-saving change falls between (71 or 73 hours).
/// </summary>
public static class DueClock
{
    public static DateTimeOffset DueAt(DateTimeOffset opened, TimeSpan due, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(opened, zone).DateTime + due;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A wall-clock time skipped by the spring change does not exist: the hour after it is meant.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        // Repeated in the autumn: the earlier of the two (the larger offset), never later than meant.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Past due without contact: a boolean and a filter, never a status.</summary>
    public static bool IsOverdue(string status, long dueAtMs, DateTimeOffset now) =>
        status == "open" && dueAtMs <= now.ToUnixTimeMilliseconds();

    public static bool IsDueSoon(string status, long dueAtMs, DateTimeOffset now, TimeSpan window) =>
        status == "open" && dueAtMs > now.ToUnixTimeMilliseconds() && dueAtMs <= now.Add(window).ToUnixTimeMilliseconds();
}
