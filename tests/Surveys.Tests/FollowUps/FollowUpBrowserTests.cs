using Microsoft.Playwright;
using Surveys.Tests.Browser;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.FollowUps;

/// <summary>A lieutenant's follow-up day in a real headless Chromium.</summary>
[RequiresServers]
public sealed class FollowUpBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ServerFact]
    public async Task Lieutenant_signs_in_reveals_the_phone_logs_a_call_and_closes_the_request()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var contact = await RespondAsync(app, hood, new { overall = 2 }, "Nobody came back about the break-in.", followUp: true);
        var id = await ScalarAsync<string>(app, "SELECT id FROM follow_ups WHERE contact_id = @Id", new { Id = contact });
        var user = await UserAsync(app, $"lieutenant:{hood}");
        var (page, problems) = await fixture.PageAsync();

        await page.GotoAsync("/console/follow-ups");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.WaitForURLAsync("**/console/follow-ups");
        await page.ClickAsync($"a[href='/console/follow-ups/{id}']");
        await page.WaitForURLAsync($"**/console/follow-ups/{id}");
        Assert.Equal("Nobody came back about the break-in.", await page.Locator("#comment").InnerTextAsync());

        await page.ClickAsync("#show-phone");
        Assert.Matches(@"^\+1555\d{7}$", (await page.Locator("#phone").InnerTextAsync()).Trim());
        await page.GoBackAsync();
        await page.GotoAsync($"/console/follow-ups/{id}");
        await page.FillAsync("#note", "Called at 10:05, spoke with the resident.");
        await page.ClickAsync("button:has-text('Add note')");
        await page.WaitForSelectorAsync("text=Note added.");
        await page.SelectOptionAsync("#to", "closed");
        await page.SelectOptionAsync("#outcome", "resolved");
        await page.ClickAsync("#change-status");
        await page.WaitForSelectorAsync("text=Status changed.");
        Assert.Contains("closed", await page.Locator("#status").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#show-phone").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "follow-up-closed.png"), FullPage = true });

        var audit = await AuditAsync(app, id);
        foreach (var action in new[] { "follow-up.read", "follow-up.phone", "follow-up.note", "follow-up.status" })
            Assert.Contains(audit, a => a.Action == action && a.Outcome == "success" && a.Actor == user);
        Assert.Empty(problems);
    }
}
