using Surveys.Tests.Infrastructure;
using Microsoft.Playwright;
using Surveys.Tests.StaffConsole;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Browser;

/// <summary>The console in a real headless Chromium: what an investigator and an administrator actually do.</summary>
[RequiresServers]
public sealed class ConsoleBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ServerFact]
    public async Task Investigator_signs_in_works_a_flag_to_sustained_with_a_note_and_sees_the_audit_entries()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var contact = await RespondAsync(app, hood, new { overall = 1, respect = 1 }, StoredScriptTests.Script, complaint: true, officers: ["4711"]);
        var flag = (await FlagIdAsync(app, contact, "ia"))!;
        var user = await UserAsync(app, "ia", "admin");
        var (page, problems) = await fixture.PageAsync();

        await page.GotoAsync("/console/flags");
        Assert.EndsWith("/console/sign-in?ReturnUrl=%2Fconsole%2Fflags", page.Url);
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Password);
        await Shot(page, "1-sign-in");
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.WaitForURLAsync("**/console/flags");
        await Shot(page, "2-ia-queue");

        await page.ClickAsync($"a[href='/console/flags/{flag}']");
        await page.WaitForURLAsync($"**/console/flags/{flag}");
        Assert.Equal(StoredScriptTests.Script, await page.Locator("#comment").InnerTextAsync()); // shown as text, not run
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        await Shot(page, "3-flag-detail");

        await page.FillAsync("#note", "Spoke with the resident; requested body-worn camera footage.");
        await page.ClickAsync("button:has-text('Add note')");
        await page.WaitForSelectorAsync("text=Note added.");
        await page.SelectOptionAsync("#status", "in-review");
        await page.FillAsync("#reason", "Assigned to Sgt. Park");
        await page.ClickAsync("button:has-text('Change status')");
        await page.WaitForSelectorAsync("text=Status changed.");
        await page.SelectOptionAsync("#status", "sustained");
        await page.FillAsync("#reason", "Footage confirms the allegation.");
        await page.ClickAsync("button:has-text('Change status')");
        await page.WaitForSelectorAsync("text=Status changed.");
        Assert.Equal("sustained", await page.Locator("dd .status").InnerTextAsync());
        Assert.Contains("in-review → sustained", await page.Locator("main").InnerTextAsync());
        await Shot(page, "4-flag-sustained");

        await page.GotoAsync($"/console/admin/audit?target={flag}");
        var audit = await page.Locator("main table").InnerTextAsync();
        foreach (var action in new[] { "flag.read", "flag.note", "flag.status" }) Assert.Contains(action, audit);
        Assert.Contains(user, audit);
        Assert.Contains("127.0.0.1", audit);
        await Shot(page, "5-audit-log");
        await page.GotoAsync($"/console/admin/audit?target={user}");
        Assert.Contains("signin", await page.Locator("main table").InnerTextAsync());

        Assert.Empty(problems);
    }

    [ServerFact]
    public async Task Five_bad_passwords_lock_the_account_in_the_browser()
    {
        var user = await UserAsync(fixture.App, "chief");
        var (page, problems) = await fixture.PageAsync();
        await page.GotoAsync("/console/sign-in");
        for (var i = 1; i <= 6; i++)
        {
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", i <= 5 ? $"wrong password {i}" : Password);
            await page.ClickAsync("button:has-text('Sign in')");
            await page.WaitForSelectorAsync("p.error");
        }
        Assert.Contains("/console/sign-in", page.Url);
        Assert.Contains("locked for 10 minutes", await page.Locator("p.error").InnerTextAsync());
        await Shot(page, "6-locked-out");
        Assert.Contains(await AuditAsync(fixture.App, user), a => a is { Action: "signin", Outcome: "failure" });
        Assert.Equal(2L, await ScalarAsync<long>(fixture.App, "SELECT COUNT(*) FROM audit_log WHERE target = @User AND detail = 'locked out'", new { User = user }));

        // The session cookie never appeared, and the console stays closed.
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "__Host-surveys-console");
        await page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Url);
        Assert.Empty(problems);
    }

    [ServerFact]
    public async Task Chief_sees_figures_and_commendations_and_signs_out()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        await OfficerAsync(app, "5150", "Officer Okafor");
        await RespondAsync(app, hood, new { overall = 5, respect = 5, trust = 4 }, "Officer Okafor went above and beyond. Thank you so much!", share: true, officers: ["5150"]);
        var (page, problems) = await fixture.PageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#username", await UserAsync(app, "chief"));
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.ClickAsync("nav >> text=Figures");
        Assert.Contains(hood, await page.Locator("main table").InnerTextAsync());
        await Shot(page, "7-figures");
        await page.ClickAsync("nav >> text=Commendations");
        await page.ClickAsync("a[href='/console/commendations/5150']");
        Assert.Contains("went above and beyond", await page.Locator("main").InnerTextAsync());
        await Shot(page, "8-commendations");
        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync("**/console/sign-in");
        await page.GotoAsync("/console/figures");
        Assert.Contains("/console/sign-in", page.Url);
        Assert.Empty(problems);
    }

    [ServerFact]
    public async Task Chief_edits_the_redacted_suggestion_approves_it_and_every_step_is_audited()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var contact = await RespondAsync(app, hood, new { overall = 5 }, "Officer Reyes was great, call me at 86O-555-O1OO.", share: true);
        var id = await ScalarAsync<string>(app, "SELECT id FROM responses WHERE contact_id = @Id", new { Id = contact });
        var (page, problems) = await fixture.PageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#username", await UserAsync(app, "chief", "admin"));
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.ClickAsync("nav >> text=Comment review");
        await page.ClickAsync($"a[href='/console/comment-reviews/{id}']");
        await Shot(page, "9-comment-review");

        // Found by its label: the field is named for assistive technology, as is every other control.
        var field = page.GetByLabel("Text to quote");
        Assert.Equal("Officer Reyes was great, call me at [phone removed].", await field.InputValueAsync());
        foreach (var control in await page.Locator("main textarea, main select, main input:not([type=hidden])").AllAsync())
            Assert.Equal(1, await page.Locator($"label[for='{await control.GetAttributeAsync("id")}']").CountAsync());
        await field.FillAsync("Officer [name removed] was great.");
        await page.ClickAsync("button:has-text('Approve for quoting')");
        await page.WaitForSelectorAsync("text=Approved: the report quotes the text as you left it.");
        Assert.Equal(0, await page.Locator($"a[href='/console/comment-reviews/{id}']").CountAsync()); // no longer waiting

        await page.GotoAsync("/console/comment-reviews?status=approved");
        await page.ClickAsync($"a[href='/console/comment-reviews/{id}']");
        Assert.Equal("Officer [name removed] was great.", await page.GetByLabel("Text to quote").InputValueAsync());
        await page.GotoAsync($"/console/admin/audit?target={id}");
        var audit = await page.Locator("main table").InnerTextAsync();
        foreach (var action in new[] { "comment-review.read", "comment-review.approve" }) Assert.Contains(action, audit);
        Assert.DoesNotContain("Reyes", audit);
        Assert.Empty(problems);
    }

    static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"{name}.png"), FullPage = true });
}
