using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Rules;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Public;

/// <summary>GET /public/data/figures.csv: the contract's columns, one row per scope × month × item, the stats API's numbers.</summary>
public sealed class PublicCsvTests(PublicYearFixture f) : IClassFixture<PublicYearFixture>
{
    const string Header = "scope,code,month,preliminary,item,n,mean,ci95Low,ci95High,pctPositive,pctPositiveCi95Low,pctPositiveCi95High,suppressed";

    async Task<List<string[]>> RowsAsync(string query)
    {
        var response = await f.App.Client().GetAsync("/public/data/figures.csv" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header, lines[0]);
        return [.. lines.Skip(1).Select(l => l.Split(','))];
    }

    [Fact]
    public async Task One_row_per_scope_month_and_item_for_the_city_and_each_neighborhood_only()
    {
        var rows = await RowsAsync("?from=2026-01&to=2026-10");
        Assert.Equal(10 * 21 * Instrument.Items.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(13, r.Length));
        Assert.Equal(["city", "neighborhood"], rows.Select(r => r[0]).Distinct().Order());
        Assert.Equal(21, rows.Select(r => r[1]).Distinct().Count());
        Assert.Equal("2026-01", rows[0][2]);
        Assert.Equal("2026-10", rows[^1][2]);
        // Defaults: the twelve months ending with the current one.
        var defaults = await RowsAsync("");
        Assert.Equal(["2025-12", "2026-11"], new[] { defaults[0][2], defaults[^1][2] });
    }

    [Fact]
    public async Task Cells_equal_the_stats_api_and_suppressed_cells_are_empty()
    {
        var rows = await RowsAsync("?from=2026-05&to=2026-06");
        var chief = f.App.Client(Keys.Chief);
        foreach (var (scope, code, path) in new[] { ("neighborhood", "N03", "/api/v1/stats/neighborhoods/N03"), ("city", "", "/api/v1/stats/city"), ("neighborhood", "N07", "/api/v1/stats/neighborhoods/N07") })
        {
            var stats = await chief.GetFromJsonAsync<JsonElement>($"{path}?month=2026-06");
            foreach (var item in Instrument.Items)
            {
                var row = rows.Single(r => r[0] == scope && r[1] == code && r[2] == "2026-06" && r[4] == item);
                var i = stats.GetProperty("items").GetProperty(item);
                Assert.Equal(stats.GetProperty("preliminary").GetBoolean() ? "true" : "false", row[3]);
                if (i.GetProperty("suppressed").GetBoolean())
                {
                    Assert.Equal(["", "", "", "", "", "", "", "true"], row[5..]);
                    continue;
                }
                string D(JsonElement e) => e.GetDouble().ToString(CultureInfo.InvariantCulture);
                Assert.Equal([i.GetProperty("n").GetInt64().ToString(CultureInfo.InvariantCulture), D(i.GetProperty("mean")),
                    D(i.GetProperty("ci95")[0]), D(i.GetProperty("ci95")[1]), D(i.GetProperty("pctPositive")),
                    D(i.GetProperty("pctPositiveCi95")[0]), D(i.GetProperty("pctPositiveCi95")[1]), "false"], row[5..]);
            }
        }
        Assert.Contains(rows, r => r[1] == "N07" && r[12] == "true");
    }

    [Theory]
    [InlineData("?from=2026-13&to=2026-10", "from")]
    [InlineData("?from=2026-01&to=26-10", "to")]
    [InlineData("?from=2026-10&to=2026-01", "from")]
    [InlineData("?from=2023-10&to=2026-10", "from")] // 37 months
    [InlineData("?from=2026-01&to=2026-12", "to")] // a month still to come
    public async Task A_bad_or_too_long_window_is_a_400_naming_the_field(string query, string field)
    {
        var response = await f.App.Client().GetAsync("/public/data/figures.csv" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }
}

/// <summary>Surveys:Public:Enabled = false: nothing under /public answers.</summary>
public sealed class PublicDisabledTests
{
    [Fact]
    public async Task Every_public_path_is_404_when_the_pages_are_switched_off()
    {
        await using var app = SurveysApp.Embedded(new() { ["Surveys:Public:Enabled"] = "false" });
        await app.WaitReadyAsync();
        foreach (var path in new[] { "/public", "/public/neighborhoods/N1", "/public/data/figures.csv", "/public/assets/public.css" })
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(path)).StatusCode);
    }
}
