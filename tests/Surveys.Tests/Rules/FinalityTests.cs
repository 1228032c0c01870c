using Surveys.Api.Contacts;
using Surveys.Rules;

namespace Surveys.Tests.Rules;

public sealed class FinalityTests
{
    static readonly SurveysOptions Defaults = new(); // America/New_York, 14-day links, 3-day contact age
    // October 2026 ends at midnight New York time, still daylight time then: 04:00 UTC.
    static readonly DateTimeOffset OctoberEnd = new(2026, 11, 1, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Intake_closes_contact_age_plus_link_lifetime_after_the_month_ends_in_the_agency_zone()
    {
        Assert.Equal(OctoberEnd.AddDays(3 + 14), Finality.IntakeClosesAt("2026-10", Defaults));
        var berlin = new SurveysOptions { TimeZone = "Europe/Berlin", TokenLifetimeDays = 7, Sms = { MaxContactAge = TimeSpan.FromHours(36) } };
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero).AddHours(36).AddDays(7), Finality.IntakeClosesAt("2026-10", berlin));
    }

    [Fact]
    public void A_month_without_any_contact_is_not_final_before_the_rule_allows_and_is_final_from_then_on()
    {
        var earliest = OctoberEnd.AddDays(17).AddHours(1);
        Assert.Equal(earliest, Finality.EarliestFinal("2026-10", Defaults));
        Assert.False(Finality.IsFinal("2026-10", 0, Defaults, OctoberEnd.AddDays(1)));
        Assert.False(Finality.IsFinal("2026-10", 0, Defaults, earliest.AddMilliseconds(-1)));
        Assert.True(Finality.IsFinal("2026-10", 0, Defaults, earliest));
        Assert.True(Finality.IsFinal("2026-10", 0, Defaults, earliest.AddDays(400)));
    }

    [Fact]
    public void A_backfilled_link_that_expires_later_holds_the_month_until_an_hour_after_it_expires()
    {
        var expires = OctoberEnd.AddDays(30);
        var ms = expires.ToUnixTimeMilliseconds();
        Assert.False(Finality.IsFinal("2026-10", ms, Defaults, Finality.EarliestFinal("2026-10", Defaults)));
        Assert.False(Finality.IsFinal("2026-10", ms, Defaults, expires.AddMinutes(59)));
        Assert.True(Finality.IsFinal("2026-10", ms, Defaults, expires.AddHours(1)));
    }

    [Fact]
    public void Intake_stops_inviting_an_hour_before_the_month_can_turn_final()
    {
        var closes = Finality.IntakeClosesAt("2026-10", Defaults);
        Assert.True(Finality.AcceptsInvitations("2026-10", Defaults, closes.AddMilliseconds(-1)));
        Assert.False(Finality.AcceptsInvitations("2026-10", Defaults, closes));
        Assert.Equal(Finality.Settle, Finality.EarliestFinal("2026-10", Defaults) - closes);
    }

    [Theory]
    [InlineData("call-for-service", false, false, "late")]
    [InlineData("domestic-violence", false, false, "excluded")]
    [InlineData("call-for-service", true, false, "opted-out")]
    [InlineData("call-for-service", false, true, "suppressed")]
    public void A_contact_for_a_closed_month_is_late_unless_a_more_protective_reason_applies(string type, bool optedOut, bool recent, string expected) =>
        Assert.Equal(expected, ContactDecision.Decide(type, SurveysOptions.DefaultExcludedContactTypes, optedOut, recent, monthClosed: true));
}
