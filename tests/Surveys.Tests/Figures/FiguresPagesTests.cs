using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Surveys.Reporting.Text;
using Surveys.Rules;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.StaffConsole;

namespace Surveys.Tests.Figures;

public sealed class FiguresPagesFixture : IAsyncLifetime
{
    // A new user in March 2026: the current month is still empty, February has answers.
    public SurveysApp App { get; } = SurveysApp.Embedded(clock: new Sms.ManualClock(new DateTimeOffset(2026, 3, 13, 12, 0, 0, TimeSpan.Zero)));

    public async Task InitializeAsync()
    {
        await App.WaitReadyAsync();
        await App.Client(Keys.Admin).PutAsJsonAsync("/api/v1/neighborhoods/N1", new { name = "Downtown", lieutenant = "Lt. Muñoz" });
        await App.Client(Keys.Admin).PutAsJsonAsync("/api/v1/officers/F1", new { name = "Officer F1", unit = "Patrol", active = true });
        var (intake, resident) = (App.Client(Keys.Intake), App.Client());
        int[] overall = [5, 4, 5, 3, 4, 5, 2, 4, 5, 4, 3, 5], trust = [4, 4, 5, 2, 3, 5, 1, 4, 4, 3, 3, 5];
        for (var i = 0; i < overall.Length; i++)
        {
            var contact = await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = $"FIG-{i}", occurredAt = new DateTimeOffset(2026, 2, 12, 16, 0, 0, TimeSpan.Zero), neighborhood = "N1",
                contactType = "call-for-service", officers = new[] { "F1" }, phone = $"+1555{i:D7}", language = "en",
            });
            Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
            var url = (await contact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyUrl").GetString()!;
            var answers = new { overall = overall[i], respect = overall[i], voice = 4, fairness = 4, explanation = 3, trust = trust[i] };
            Assert.Equal(HttpStatusCode.Accepted, (await resident.PostAsJsonAsync("/api/v1/responses", new { token = url[(url.LastIndexOf('/') + 1)..], answers })).StatusCode);
        }
        await Eventually.TrueAsync(async () => (await App.Client(Keys.Chief).GetFromJsonAsync<JsonElement>("/api/v1/stats/neighborhoods/N1?month=2026-02"))
            .GetProperty("responses").GetInt64() == overall.Length, TimeSpan.FromSeconds(60), "February's answers stored");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The console's figures pages as a new user meets them (issue 15, part 6).</summary>
public sealed partial class FiguresPagesTests(FiguresPagesFixture f) : IClassFixture<FiguresPagesFixture>
{
    async Task<string> PageAsync(string path) =>
        await (await ConsoleSession.SignInAsync(f.App, await Flags.FlagScenario.UserAsync(f.App, "chief"))).PageAsync(path);

    [Fact]
    public async Task The_neighborhood_page_opens_on_the_latest_month_with_answers_and_labels_items_as_the_pdf_does()
    {
        var html = await PageAsync("/console/figures/N1");
        Assert.Contains("<strong>2026-02</strong>", html);
        foreach (var key in Instrument.Items)
        {
            Assert.Contains($"<td>{System.Net.WebUtility.HtmlEncode(ItemLabels.Short(key))}</td>", html);
            Assert.DoesNotContain($"<td>{key}</td>", html);
        }
        Assert.Contains("month=2026-03", html); // March is this month: fine to visit
        Assert.DoesNotContain("month=2026-04", html);

        var current = await PageAsync("/console/figures/N1?month=2026-03");
        Assert.Contains("<strong>2026-03</strong>", current);
        Assert.DoesNotContain("month=2026-04", current); // never a link into the future
        Assert.DoesNotContain("2026-04 →", await PageAsync("/console/figures"));
    }

    [Fact]
    public async Task The_twelve_month_trend_table_shows_the_stats_api_figures_and_the_chart_has_a_text_alternative()
    {
        var html = await PageAsync("/console/figures/N1?month=2026-02");
        var chief = f.App.Client(Keys.Chief);
        var trust = Section(html, "trend-trust");
        var overall = Section(html, "trend-overall");
        Assert.Contains("<svg", trust);
        Assert.Matches("role=\"img\" aria-labelledby=\"trend-trust-t trend-trust-d\"", trust);
        Assert.Matches("<desc id=\"trend-trust-d\">2025-03 to 2026-02: ", trust); // the text alternative names every month
        Assert.DoesNotContain("<script", html);
        for (var back = 11; back >= 0; back--)
        {
            var month = Months.Shift("2026-02", -back);
            var stats = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/stats/neighborhoods/N1?month={month}");
            var index = stats.GetProperty("trustIndex");
            var mean = stats.GetProperty("items").GetProperty("overall").GetProperty("mean");
            Assert.Equal(index.ValueKind == JsonValueKind.Null ? Format.Withheld(10) : Format.Index(index.GetDouble()), Cell(trust, month));
            Assert.Equal(mean.ValueKind == JsonValueKind.Null ? Format.Withheld(10) : Format.Mean(mean.GetDouble()), Cell(overall, month));
        }
        Assert.NotEqual(Format.Withheld(10), Cell(trust, "2026-02"));
    }

    static string Section(string html, string id) => Regex.Match(html, $"<figure class=\"trend\" id=\"{id}\">.*?</figure>", RegexOptions.Singleline).Value;

    static string Cell(string section, string month) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(section, $"<th scope=\"row\">{month}</th><td class=\"num\">([^<]*)</td>").Groups[1].Value);
}
