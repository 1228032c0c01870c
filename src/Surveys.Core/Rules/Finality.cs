namespace Surveys.Rules;

/// <summary>
/// When a month's figures are final: the one rule behind the stats calls' `preliminary`, the PDFs,
/// the monthly job and intake's cut-off (docs/reports.md, "Final means final"). Nothing is stored:
/// every reader computes the same answer from the month, the configuration and the clock.
/// </summary>
public static class Finality
{
    /// <summary>
    /// The gap between intake's cut-off and the earliest final instant, and again after the last
    /// link expired: room for clock skew between hosts, an intake transaction in flight, and an
    /// answer accepted in a link's last second on its way through the queue.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromHours(1);

    /// <summary>
    /// The month's end, plus Sms:MaxContactAge (the latest a contact of the month can still be
    /// invited), plus TokenLifetimeDays (the latest such a link can still be answered), in the
    /// agency's time zone. Contacts for the month recorded from then on are late (never counted).
    /// </summary>
    public static DateTimeOffset IntakeClosesAt(string month, SurveysOptions o) =>
        Months.End(month, o.Zone) + o.Sms.MaxContactAge + TimeSpan.FromDays(o.TokenLifetimeDays);

    public static DateTimeOffset EarliestFinal(string month, SurveysOptions o) => IntakeClosesAt(month, o) + Settle;

    /// <summary>
    /// Final once the earliest final instant has passed and so has every link actually issued for
    /// the month (a backfill recorded before the cut-off can hold a later one), whether or not the
    /// month had any contact. Intake stops counting before this can turn true, so it never turns back.
    /// </summary>
    public static bool IsFinal(string month, long maxExpiresAtMs, SurveysOptions o, DateTimeOffset now) =>
        now >= EarliestFinal(month, o) && now >= DateTimeOffset.FromUnixTimeMilliseconds(maxExpiresAtMs) + Settle;

    public static bool AcceptsInvitations(string month, SurveysOptions o, DateTimeOffset now) => now < IntakeClosesAt(month, o);
}
