using System.Net;
using System.Net.Http.Json;
using Surveys.Rules;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.StaffConsole;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Meetings;

/// <summary>
/// The meeting screen a lieutenant puts up at the community meeting, fed through the real API:
/// an event with its QR code and concerns, a problem worked to its response with actions.
/// </summary>
public sealed class MeetingScreenTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    [Fact]
    public async Task The_screen_shows_the_meeting_its_concerns_the_problem_and_its_actions_and_the_open_surveys_code()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var (eventId, surveyUrl, _) = await Events.EventScenario.CreateAsync(app, hood);
        var chief = Surveys.Tests.Flags.FlagScenario.Api(app, Keys.Chief);
        var concern = Unique("Cars speeding on Elm Street ");
        Assert.Equal(HttpStatusCode.Created, (await chief.PostAsJsonAsync($"/api/v1/events/{eventId}/concerns", new { text = concern })).StatusCode);
        var title = Unique("Speeding near the school ");
        var problem = await ProblemSolving.ProblemLifecycleTests.OpenAsync(app, Keys.Chief, hood, new { eventId }, title);
        foreach (var stage in new[] { "analysis", "response" })
            Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/v1/problems/{problem}/stage", new { stage, note = "moving on" })).StatusCode);
        var done = await chief.PostAsJsonAsync($"/api/v1/problems/{problem}/actions", new { text = "Speed trailer on Elm Street", owner = "Traffic Unit", dueOn = "2026-11-01" });
        var actionId = (await done.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/v1/problems/{problem}/actions/{actionId}/status", new { status = "done" })).StatusCode);
        await chief.PostAsJsonAsync($"/api/v1/problems/{problem}/actions", new { text = "Crossing guard schedule", owner = "Lt. Muñoz", dueOn = "2099-01-15" });

        var console = await ConsoleSession.SignInAsync(app, await UserAsync(app, $"lieutenant:{hood}"));
        var month = Months.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var html = WebUtility.HtmlDecode(await console.PageAsync($"/console/neighborhoods/{hood}?month={month}"));

        Assert.Contains("Monthly community meeting (community meeting), 25 people", html);
        Assert.Contains(concern, html);
        Assert.Contains(title, html);
        Assert.Contains("Response: acting on it", html);
        Assert.Contains("Done: Speed trailer on Elm Street", html);
        Assert.Contains("Due 2099-01-15: Crossing guard schedule", html);
        Assert.Contains($"/console/events/{eventId}/qr.svg", html);
        Assert.Contains(surveyUrl, html);
        // Without a month it looks back at last month, whose figures are in.
        Assert.Contains(Surveys.Reporting.Text.Format.MonthName(Months.Shift(month, -1)), WebUtility.HtmlDecode(await console.PageAsync($"/console/neighborhoods/{hood}")));
        var other = await ConsoleSession.SignInAsync(app, await UserAsync(app, "lieutenant:ZZ9"));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/console/neighborhoods/{hood}")).StatusCode);
    }
}
