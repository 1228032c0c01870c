using System.Net.Http.Json;
using System.Text.Json;
using Surveys.FollowUps;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reporting;
using Surveys.Tests.Sms;
using static Surveys.Tests.FollowUps.FollowUpClock;

namespace Surveys.Tests.FollowUps;

/// <summary>Due dates across daylight-saving changes, and the follow-up figures against a recount kept by the test itself.</summary>
public sealed class FollowUpFigureTests
{
    static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2026-10-31T14:00:00Z", "2026-11-03T15:00:00Z")] // 10:00 EDT → 10:00 EST: 73 hours
    [InlineData("2026-03-07T15:00:00Z", "2026-03-10T14:00:00Z")] // 10:00 EST → 10:00 EDT: 71 hours
    [InlineData("2026-03-05T07:30:00Z", "2026-03-08T07:00:00Z")] // 02:30 does not exist on 8 March: 03:00 EDT
    public void Due_date_is_three_days_on_the_agencys_wall_clock(string opened, string due) =>
        Assert.Equal(DateTimeOffset.Parse(due), DueClock.DueAt(DateTimeOffset.Parse(opened), TimeSpan.FromDays(3), NewYork));

    [Fact]
    public async Task Request_opened_before_the_autumn_change_is_overdue_only_after_73_hours()
    {
        var opened = new DateTimeOffset(2026, 10, 31, 14, 0, 0, TimeSpan.Zero); // Saturday 10:00 EDT
        await using var app = await SmsApp.StartAsync(opened);
        var hood = await NeighborhoodAsync(app);
        var id = await RequestAsync(app, hood, SmsApp.UniquePhone());
        async Task<(bool Overdue, bool Listed)> CheckAsync()
        {
            var item = await app.Client(Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/{id}");
            var list = await app.Client(Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups?neighborhood={hood}&status=overdue");
            Assert.Equal(new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero), item.GetProperty("dueAt").GetDateTimeOffset());
            return (item.GetProperty("overdue").GetBoolean(), list.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetString() == id));
        }
        app.Clock.Now = opened.AddHours(72.5); // 72 h would be 09:00 EST: not yet due on the wall clock
        Assert.Equal((false, false), await CheckAsync());
        app.Clock.Now = opened.AddHours(73);
        Assert.Equal((true, true), await CheckAsync());
        await StatusAsync(app, id, "contacted");
        Assert.Equal((false, false), await CheckAsync()); // overdue means "not yet contacted"
    }

    [Fact]
    public async Task Stats_and_both_reports_show_follow_up_figures_equal_to_an_independent_recount()
    {
        var t0 = new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
        await using var app = await SmsApp.StartAsync(t0, new() { ["Surveys:MinResponses"] = "3" });
        var hood = await NeighborhoodAsync(app);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add(await RequestAsync(app, hood, SmsApp.UniquePhone()));
        var ledger = new Dictionary<string, (double? Hours, string? Outcome)>();
        app.Clock.Now = t0.AddHours(1);
        await StatusAsync(app, ids[1], "closed", "unreachable");
        ledger[ids[1]] = (null, "unreachable");
        app.Clock.Now = t0.AddHours(5);
        await StatusAsync(app, ids[0], "contacted");
        await StatusAsync(app, ids[0], "closed", "resolved");
        ledger[ids[0]] = (5, "resolved");
        app.Clock.Now = t0.AddHours(80); // past the 72 h allowed
        await StatusAsync(app, ids[2], "contacted");
        ledger[ids[2]] = (80, null);
        ledger[ids[3]] = (null, null); // never worked: overdue now

        // The recount: nothing read from the database, only what this test did.
        var contacted = ledger.Values.Where(v => v.Hours is not null).Select(v => v.Hours!.Value).Order().ToList();
        var within = ledger.Values.Count(v => v.Hours is <= 72);
        var expected = new { requested = 4, closed = ledger.Values.Count(v => v.Outcome is not null), within,
            share = within / 4.0, median = (contacted[0] + contacted[1]) / 2 };
        foreach (var path in new[] { $"/api/v1/stats/neighborhoods/{hood}?month=2026-06", "/api/v1/stats/city?month=2026-06" })
        {
            var f = (await app.Client(Keys.Admin).GetFromJsonAsync<JsonElement>(path)).GetProperty("followUps");
            Assert.Equal(expected.requested, f.GetProperty("requested").GetInt32());
            Assert.Equal(expected.closed, f.GetProperty("closed").GetInt32());
            Assert.Equal(expected.within, f.GetProperty("contactedWithinDue").GetInt32());
            Assert.Equal(expected.share, f.GetProperty("pctContactedWithinDue").GetDouble());
            Assert.Equal(expected.median, f.GetProperty("medianHoursToContact").GetDouble());
            Assert.Equal(1, f.GetProperty("overdue").GetInt32());
        }
        Assert.False((await app.Client(Keys.Admin).GetFromJsonAsync<JsonElement>("/api/v1/stats/officers/7001?month=2026-06")).TryGetProperty("followUps", out _));

        foreach (var (path, name) in new[] { ($"/api/v1/reports/neighborhoods/{hood}?month=2026-06", "followups-hood"), ("/api/v1/reports/city?month=2026-06", "followups-city") })
        {
            var text = await PdfTools.TextAsync(await app.Client(Keys.Admin).GetByteArrayAsync(path), name);
            Assert.Contains("Follow-up requests", text);
            Assert.Contains($"Requested: {expected.requested}. Closed: {expected.closed}. Overdue now: 1.", text);
            Assert.Contains($"Contacted within the time allowed: {expected.within} of 4 (25.0%).", text);
            Assert.Contains($"Median time to contact: {expected.median:0.0} hours.", text);
        }
    }

    [Fact]
    public void Below_MinResponses_requests_only_counts_are_given()
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new List<(string, string?, long, long, long?)> { ("closed", "resolved", 0, 10, 5), ("open", null, 0, 10, null) };
        var few = FollowUpFigures.Compute(rows, 3, now);
        Assert.True(few.Suppressed);
        Assert.Null(few.PctContactedWithinDue);
        Assert.Null(few.MedianHoursToContact);
        Assert.Equal((2L, 1L, 1L), (few.Requested, few.Closed, few.ContactedWithinDue));
        Assert.NotNull(FollowUpFigures.Compute(rows, 2, now).PctContactedWithinDue);
    }
}
