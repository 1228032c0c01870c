using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Public.PublicHtmlReader;

namespace Surveys.Tests.Public;

/// <summary>The public pages against the stats API, and what they must never show (docs/public.md).</summary>
public sealed class PublicPagesTests(PublicSeedFixture f) : IClassFixture<PublicSeedFixture>
{
    static readonly string[] Measures = ["ResponseRate", "Overall", "Trust", "ProceduralJustice"];

    async Task<string> GetAsync(string path)
    {
        var response = await f.App.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("/public", "/api/v1/stats/city?month=2026-11")]
    [InlineData("/public/neighborhoods/N1", "/api/v1/stats/neighborhoods/N1?month=2026-11")]
    [InlineData("/public/neighborhoods/N2", "/api/v1/stats/neighborhoods/N2?month=2026-11")]
    public async Task Every_trend_row_says_what_the_stats_api_says(string page, string stats)
    {
        var html = await GetAsync(page);
        var body = await f.App.Client(Keys.Chief).GetFromJsonAsync<JsonElement>(stats);
        foreach (var key in Measures)
        {
            var cells = Row(html, $"{key}-h", "November 2026 (preliminary)");
            var (value, range) = Expected(body, key, 10);
            Assert.Equal([value, range], cells.TakeLast(2));
        }
    }

    [Fact]
    public async Task No_officer_lieutenant_comment_or_internal_problem_text_appears_on_any_page_or_in_the_csv()
    {
        var outputs = new List<string>();
        foreach (var lang in new[] { "en", "es" })
            foreach (var path in new[] { "/public", "/public/neighborhoods/N1", "/public/neighborhoods/N2" })
                outputs.Add(await GetAsync($"{path}?lang={lang}"));
        outputs.Add(await GetAsync("/public/data/figures.csv?from=2026-01&to=2026-11"));
        foreach (var output in outputs)
            foreach (var secret in PublicSeedFixture.Secrets)
                Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(PublicSeedFixture.ApprovedTitle, outputs[0]);
        Assert.Contains(PublicSeedFixture.ApprovedTitle, outputs[1]);
        Assert.DoesNotContain(PublicSeedFixture.ApprovedTitle, outputs[2]); // N2 has no problem
    }

    [Fact]
    public async Task Small_counts_say_fewer_than_n_and_withhold_their_figures()
    {
        var n2 = await GetAsync("/public/neighborhoods/N2");
        Assert.Equal(["fewer than 10", "not shown", ""], Row(n2, "ResponseRate-h", "November 2026"));
        Assert.Equal(["fewer than 10", "not shown"], Row(n2, "fu-h", "November 2026")); // three asked: no rate
        Assert.Equal(["not shown", ""], Row(n2, "Trust-h", "November 2026"));
        var n1 = await GetAsync("/public/neighborhoods/N1");
        Assert.Equal("12", Row(n1, "ResponseRate-h", "November 2026")[0]);
        Assert.Equal("fewer than 10", Row(n1, "fu-h", "November 2026")[0]);
        var city = await GetAsync("/public");
        // Five Spanish speakers were invited and answered (four in N1, one in N2): below 10, so no rate.
        var spanish = Row(city, "lg-h", "español");
        Assert.Equal(["fewer than 10", "fewer than 10", "not shown", ""], spanish);
        Assert.Equal("no answers", Row(city, "Overall-h", "January 2026")[0]);
    }

    [Fact]
    public async Task Meetings_count_events_already_held_and_the_city_counts_city_wide_ones()
    {
        Assert.Equal(["2"], Row(await GetAsync("/public/neighborhoods/N1"), "mt-h", "November 2026"));
        Assert.Equal(["0"], Row(await GetAsync("/public/neighborhoods/N2"), "mt-h", "November 2026"));
        Assert.Equal(["3"], Row(await GetAsync("/public"), "mt-h", "November 2026"));
    }

    [Fact]
    public async Task Pages_show_twelve_months_ending_now_name_the_agency_and_offer_spanish()
    {
        var html = await GetAsync("/public?lang=es");
        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("Cómo califican los residentes a Police Department", html);
        Assert.Equal("sin respuestas", Row(html, "Overall-h", "diciembre 2025")[0]); // the first of the twelve months
        Assert.DoesNotContain("diciembre 2026", html);
        Assert.Contains("href=\"/public/neighborhoods/N1?lang=es\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("style=", html);
        var unknown = await f.App.Client().GetAsync("/public/neighborhoods/NOPE?lang=es");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Página no encontrada", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resident_survey_pages_say_noindex_and_no_store()
    {
        foreach (var path in new[] { $"/s/{f.OpenToken}", "/s/thanks", "/s/not-a-token" })
        {
            var response = await f.App.Client().GetAsync(path);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Contains("<meta name=\"robots\" content=\"noindex\">", await response.Content.ReadAsStringAsync());
        }
    }
}
