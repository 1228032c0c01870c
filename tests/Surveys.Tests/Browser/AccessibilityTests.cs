using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Browser;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA rules) in a real Chromium over every page a person sees: the
/// resident's survey, thank-you and error pages, and each console page with data on it. A
/// screenshot of each lands in the browser screenshots folder, to be looked at.
/// </summary>
[RequiresServers]
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [ServerFact]
    public async Task Resident_pages_pass_axe_in_english_and_spanish()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var (page, problems) = await fixture.PageAsync(bypassCsp: true);
        var failures = new List<string>();
        foreach (var language in new[] { "en", "es" })
        {
            var token = await TokenAsync(app, hood, language);
            await CheckAsync(page, $"/s/{token}", $"resident-survey-{language}", failures);
            await page.ClickAsync("label[for='overall-4']"); // as a resident does: the radio is drawn as its label
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/s/thanks**");
            await CheckAsync(page, page.Url, $"resident-thanks-{language}", failures);
            await CheckAsync(page, $"/s/{token}", $"resident-already-answered-{language}", failures); // 409 page
        }
        await CheckAsync(page, "/s/not-a-real-token-at-all", "resident-unknown-link", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(problems);
    }

    [ServerFact]
    public async Task Event_survey_page_passes_axe_at_a_phone_viewport_in_every_language()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var (_, _, token) = await Events.EventScenario.CreateAsync(app, hood);
        var (page, problems) = await fixture.PageAsync(bypassCsp: true);
        await page.SetViewportSizeAsync(390, 844);
        var failures = new List<string>();
        foreach (var language in Surveys.Texts.TextCatalog.Shipped)
            await CheckAsync(page, $"/e/{token}?lang={language}", $"event-survey-{language}", failures);
        await page.ClickAsync("label[for='overall-4']");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/e/thanks**");
        await CheckAsync(page, page.Url, "event-thanks", failures);
        await CheckAsync(page, $"/e/{token}", "event-already-answered", failures); // 409 page
        await CheckAsync(page, "/e/AAAAAAAAAAAA", "event-unknown-link", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(problems);
    }

    [ServerFact]
    public async Task The_resident_survey_passes_axe_in_every_language_at_a_phone_viewport_arabic_right_to_left()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var (page, problems) = await fixture.PageAsync(bypassCsp: true, phone: true);
        var failures = new List<string>();
        foreach (var language in Surveys.Texts.TextCatalog.Shipped)
        {
            var token = await TokenAsync(app, hood, language);
            await CheckAsync(page, $"/s/{token}", $"phone-survey-{language}", failures);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction"));
            // Reading order: in Arabic the picker and the choices start at the right edge.
            var first = await page.EvaluateAsync<double[]>("(() => { const r = document.querySelector(\"label[for='overall-1'] .n\").getBoundingClientRect(); return [r.left, r.right, document.documentElement.clientWidth]; })()");
            if (language == "ar") Assert.True(first[0] > first[2] / 2, $"the 1 of the Arabic scale sits at the right: {string.Join(",", first)}");
            else Assert.True(first[1] < first[2] / 2, $"the 1 sits at the left in {language}");
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, $"{language}: the page scrolls sideways on a phone");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(problems);
    }

    [ServerFact]
    public async Task Every_console_page_passes_axe_with_data_on_it()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        var flagged = await RespondAsync(app, hood, new { overall = 1, respect = 1 }, "He pushed me and took my phone.", complaint: true, officers: ["4712"]);
        var flag = (await FlagIdAsync(app, flagged, "ia"))!;
        await RespondAsync(app, hood, new { overall = 2, respect = 3 }, "Please call me about the noise.", followUp: true);
        await RespondAsync(app, hood, new { overall = 5, respect = 5 }, "Officer was kind and patient.", share: true);
        string? followUp = null;
        await Eventually.TrueAsync(async () => (followUp = await ScalarAsync<string?>(app,
            "SELECT id FROM follow_ups WHERE neighborhood = @Hood", new { Hood = hood })) is not null, TimeSpan.FromSeconds(30), "follow-up opened");
        var problem = await ProblemSolving.ProblemLifecycleTests.OpenAsync(app, Keys.Chief, hood, new { publicTitle = "Late-night noise" });
        foreach (var stage in new[] { "analysis", "response" })
            await Flags.FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync($"/api/v1/problems/{problem}/stage", new { stage });
        await Flags.FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync($"/api/v1/problems/{problem}/actions", new { text = "Foot patrol", owner = "Sgt. Lee", dueOn = "2026-12-20" });
        var (eventId, _, _) = await Events.EventScenario.CreateAsync(app, hood);
        await Flags.FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync($"/api/v1/events/{eventId}/concerns", new { text = "Speeding on Elm Street" });
        var user = await UserAsync(app, "admin", "chief", "ia", $"lieutenant:{hood}");
        var (page, problems) = await fixture.PageAsync(bypassCsp: true);
        var failures = new List<string>();

        await CheckAsync(page, "/console/sign-in", "console-sign-in", failures);
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.WaitForURLAsync("**/console");
        string[] paths =
        [
            "/console", "/console/flags", $"/console/flags/{flag}", "/console/items", "/console/follow-ups", $"/console/follow-ups/{followUp}",
            "/console/comment-reviews", "/console/figures", $"/console/figures/{hood}", "/console/commendations",
            "/console/problems", $"/console/problems/{problem}", $"/console/problems/new?neighborhood={hood}&item=voice", $"/console/neighborhoods/{hood}",
            "/console/admin/users", "/console/admin/keys", "/console/admin/audit", "/console/admin/neighborhoods",
            "/console/admin/roster", "/console/admin/exclusions", "/console/events", $"/console/events/{eventId}", $"/console/events/{eventId}/print",
        ];
        foreach (var path in paths) await CheckAsync(page, path, "console" + path.Replace("/console", "").Replace('/', '-').Replace(hood, "hood").Replace(flag, "id").Replace(followUp!, "id").Replace(problem, "id").Replace(eventId, "id").Split('?')[0], failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(problems);
    }

    /// <summary>A small phone (360 × 740 CSS pixels): the public pages are read on cheap phones.</summary>
    static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [ServerFact]
    public async Task Public_pages_pass_axe_at_a_phone_viewport_in_every_language_without_breaking_the_csp()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        for (var i = 0; i < 12; i++) await RespondAsync(app, hood, new { overall = 1 + i % 5, respect = 4, voice = 3, fairness = 5, explanation = 4, trust = 2 + i % 4 });
        var failures = new List<string>();
        var (page, problems) = await fixture.PageAsync(bypassCsp: true, viewport: Phone);
        foreach (var language in Surveys.Texts.TextCatalog.Shipped)
        {
            await CheckAsync(page, $"/public?lang={language}", $"public-city-{language}", failures);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).direction"));
            var wide = await page.EvaluateAsync<string>("""
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
                """);
            Assert.True(wide == "", $"{language}: wider than the phone: {wide}");
            await CheckAsync(page, $"/public/neighborhoods/{hood}?lang={language}", $"public-neighborhood-{language}", failures);
        }
        await CheckAsync(page, "/public/neighborhoods/NO-SUCH-PLACE", "public-not-found", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(problems);
        // Under the real CSP (no bypass): the stylesheet loads and nothing inline is refused.
        var (strict, refused) = await fixture.PageAsync(viewport: Phone);
        await strict.GotoAsync($"/public/neighborhoods/{hood}");
        Assert.Equal("grid", await strict.EvalOnSelectorAsync<string>(".tiles", "e => getComputedStyle(e).display"));
        Assert.Empty(refused);
    }

    [ServerFact]
    public async Task The_figures_page_with_its_trend_charts_passes_axe()
    {
        var app = fixture.App;
        var hood = await NeighborhoodAsync(app);
        for (var i = 0; i < 12; i++)
            await RespondAsync(app, hood, new { overall = 2 + i % 4, respect = 4, voice = 4, fairness = 3, explanation = 4, trust = 1 + i % 5 });
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(app, "SELECT COUNT(*) FROM responses WHERE neighborhood = @Hood", new { Hood = hood }) == 12,
            TimeSpan.FromSeconds(30), "answers stored");
        var (page, problems) = await fixture.PageAsync(bypassCsp: true);
        await page.GotoAsync("/console/sign-in");
        await page.FillAsync("#username", await UserAsync(app, "chief"));
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.WaitForURLAsync("**/console");
        var failures = new List<string>();
        await CheckAsync(page, $"/console/figures/{hood}", "console-figures-trend", failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(problems);
        Assert.Equal(2, await page.Locator("figure.trend svg[role=img]").CountAsync());
        File.Copy(Path.Combine(BrowserFixture.Screenshots, "a11y-console-figures-trend.png"),
            Path.Combine(Directory.CreateDirectory(Path.Combine(Repo.Root, "docs", "screenshots")).FullName, "console-figures.png"), overwrite: true);
    }

    [ServerFact]
    public async Task The_axe_check_would_catch_an_unlabelled_field()
    {
        var (page, _) = await fixture.PageAsync(bypassCsp: true);
        await page.GotoAsync("/s/thanks");
        await page.EvaluateAsync("document.querySelector('main, body').insertAdjacentHTML('beforeend', '<input type=\"text\">')");
        var result = await page.RunAxe(Wcag21AA);
        Assert.Contains(result.Violations, v => v.Id == "label");
    }

    static async Task CheckAsync(IPage page, string url, string name, List<string> failures)
    {
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.True(response.Status < 500, $"{url}: HTTP {response.Status}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"a11y-{name}.png"), FullPage = true });
        var result = await page.RunAxe(Wcag21AA);
        Assert.NotEmpty(result.Passes); // axe really ran and checked something on this page
        failures.AddRange(result.Violations.Select(v =>
            $"{url}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }

    static async Task<string> TokenAsync(SurveysApp app, string hood, string language)
    {
        var contact = await Flags.FlagScenario.Api(app, Keys.Intake).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = Unique("A11Y-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood = hood, contactType = "call-for-service",
            officers = new[] { "1001" }, phone = $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}", language,
        });
        var url = (await contact.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["surveyUrl"]!;
        return url[(url.LastIndexOf('/') + 1)..];
    }
}
