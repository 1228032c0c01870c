using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Surveys.Figures;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reporting;

namespace Surveys.Tests.Figures;

public sealed class FairFiguresFixture : IAsyncLifetime
{
    // February and March 2026 take contacts only while the service's clock says so: a month closes (docs/reports.md).
    public SurveysApp App { get; } = SurveysApp.Embedded(clock: new Sms.ManualClock(new DateTimeOffset(2026, 3, 13, 12, 0, 0, TimeSpan.Zero)));
    public List<FairFiguresSeed.Planned> Plan { get; private set; } = [];
    public string Database => $"Data Source={Path.Combine(App.Settings["Surveys:DataDirectory"]!, "surveys.db")}";
    public async Task InitializeAsync() { await App.WaitReadyAsync(); Plan = await FairFiguresSeed.SeedAsync(App); }
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Stats, PDF and export agree with each other and with a recount from the raw responses.</summary>
public sealed class FairFiguresTests(FairFiguresFixture f) : IClassFixture<FairFiguresFixture>
{
    sealed record Raw(string Badge, string ContactType, string Neighborhood, string Month, string Language, long Overall);

    async Task<List<Raw>> RawAsync()
    {
        await using var db = new SqliteConnection(f.Database);
        const string sql = """
            SELECT co.badge, r.contact_type AS ContactType, r.neighborhood, r.month, c.language, r.overall
            FROM responses r JOIN contacts c ON c.id = r.contact_id JOIN contact_officers co ON co.contact_id = r.contact_id
            """;
        return (await db.QueryAsync<Raw>(sql)).ToList();
    }

    [Fact]
    public async Task Officer_adjusted_figures_and_the_export_match_a_recount_from_the_raw_responses()
    {
        var raw = (await RawAsync()).Where(r => string.CompareOrdinal(r.Month, "2025-10") >= 0 && string.CompareOrdinal(r.Month, "2026-03") <= 0).ToList();
        // Department rates per contact type, then each officer's expected value over their own mix.
        var byType = raw.GroupBy(r => r.ContactType).ToDictionary(g => g.Key,
            g => (N: (long)g.Count(), Total: (long)g.Sum(r => r.Overall), Positives: (long)g.Count(r => r.Overall >= 4)));
        var officers = raw.GroupBy(r => r.Badge).ToDictionary(g => g.Key, g => OfficerAdjustment.Standardise(
            g.GroupBy(r => r.ContactType).Select(t => (t.Key, (long)t.Count(), (long)t.Sum(r => r.Overall), (long)t.Count(r => r.Overall >= 4))), byType));
        var within = raw.GroupBy(r => r.ContactType).Sum(g => g.Sum(r => Math.Pow(r.Overall - g.Average(x => x.Overall), 2))) / (raw.Count - byType.Count);
        var m = Shrinkage.BetaBinomialPriorStrength(officers.Values.Select(o => new Shrinkage.Officer(o.N, o.Pct, o.ExpectedPct)));
        var tau2 = Shrinkage.BetweenOfficerVariance(officers.Values.Select(o => new Shrinkage.Officer(o.N, o.Mean, o.ExpectedMean)), within);

        var chief = f.App.Client(Keys.Chief);
        var expectedRows = new List<string>();
        foreach (var (badge, o) in officers.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var adjusted = (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/stats/officers/{badge}?month=2026-03")).GetProperty("adjusted");
            Assert.Equal("2025-10", adjusted.GetProperty("from").GetString());
            Assert.Equal(o.N, adjusted.GetProperty("n").GetInt64());
            if (o.N < 10)
            {
                Assert.Equal(JsonValueKind.Null, adjusted.GetProperty("shrunkPctPositive").ValueKind);
                continue;
            }
            var p = Shrinkage.BetaBinomial(o.Positives, o.N, o.ExpectedPct, m);
            var mean = Shrinkage.Normal(o.Mean, o.N, o.ExpectedMean, within, tau2);
            Assert.Equal(R(o.Pct, 4), adjusted.GetProperty("pctPositive").GetDouble());
            Assert.Equal(R(o.ExpectedPct, 4), adjusted.GetProperty("expectedPctPositive").GetDouble());
            Assert.Equal(R(o.Pct / o.ExpectedPct, 4), adjusted.GetProperty("standardisedRatio").GetDouble());
            Assert.Equal(R(p.Estimate, 4), adjusted.GetProperty("shrunkPctPositive").GetDouble());
            Assert.Equal([R(p.Low, 4), R(p.High, 4)], adjusted.GetProperty("shrunkPctPositiveCi95").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(R(o.ExpectedMean, 2), adjusted.GetProperty("expectedMean").GetDouble());
            Assert.Equal(R(mean.Estimate, 2), adjusted.GetProperty("shrunkMean").GetDouble());
            var direction = p.High < o.ExpectedPct ? "below" : p.Low > o.ExpectedPct ? "above" : "within";
            Assert.Equal(direction, adjusted.GetProperty("direction").GetString());
            if (direction != "within")
                expectedRows.Add(string.Join(',', badge, $"Officer {badge}", o.N, I(R(o.Pct, 4)), I(R(p.Estimate, 4)), I(R(p.Low, 4)), I(R(p.High, 4)),
                    direction, 0, 0, I(R(o.ExpectedPct, 4))));
        }
        // The seeded department has one officer credibly below and one above; the one with 5 answers is never listed.
        Assert.Contains(expectedRows, r => r.StartsWith("LOW,") && r.Contains(",below,"));
        Assert.Contains(expectedRows, r => r.StartsWith("HIGH,") && r.Contains(",above,"));

        foreach (var key in new[] { Keys.Chief, Keys.Admin, Keys.Ia })
        {
            var csv = await f.App.Client(key).GetStringAsync("/api/v1/exports/early-intervention.csv?from=2025-10&to=2026-03");
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("badge,name,n,pctPositive,adjustedPctPositive,adjustedCi95Low,adjustedCi95High,direction,flags,commendations,expectedPctPositive", lines[0]);
            Assert.Equal(expectedRows, lines.Skip(1));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await f.App.Client(Keys.LieutenantN1).GetAsync("/api/v1/exports/early-intervention.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.App.Client(Keys.Intake).GetAsync("/api/v1/exports/early-intervention.csv")).StatusCode);
    }

    [Fact]
    public async Task Change_and_gap_from_the_rest_of_the_city_are_the_difference_tests_on_the_raw_answers_and_the_PDF_prints_them()
    {
        var raw = await RawAsync(); // one officer per seeded contact: one row per response
        List<int> Answers(Func<Raw, bool> which) => raw.Where(which).Select(r => (int)r.Overall).ToList();
        var march = Answers(r => r.Neighborhood == "N1" && r.Month == "2026-03");
        var february = Answers(r => r.Neighborhood == "N1" && r.Month == "2026-02");
        var rest = Answers(r => r.Neighborhood != "N1" && r.Month == "2026-03");

        var s = await f.App.Client(Keys.Chief).GetFromJsonAsync<JsonElement>("/api/v1/stats/neighborhoods/N1?month=2026-03");
        var overall = s.GetProperty("items").GetProperty("overall");
        AssertDifference(overall.GetProperty("change"), "2026-02", march, february);
        AssertDifference(overall.GetProperty("vsCity"), "rest-of-city", march, rest);
        // Respect was not asked: no answers either side, so no comparison.
        Assert.Equal(JsonValueKind.Null, s.GetProperty("items").GetProperty("respect").GetProperty("change").ValueKind);

        // Who answered, recounted from the contacts themselves.
        var languages = f.Plan.Where(p => p.Neighborhood == "N1" && p.OccurredAt.Month == 3).GroupBy(p => p.Language).ToDictionary(g => g.Key,
            g => (Invited: g.Count(), Answered: g.Count(p => p.Overall is not null)));
        var byLanguage = s.GetProperty("byLanguage");
        Assert.Equal(languages.Keys.Order(), byLanguage.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (language, (invited, answered)) in languages)
        {
            var l = byLanguage.GetProperty(language);
            Assert.Equal(invited, l.GetProperty("invitations").GetInt64());
            Assert.Equal(answered, l.GetProperty("responses").GetInt64());
            Assert.Equal(R((double)answered / invited, 4), l.GetProperty("responseRate").GetDouble());
        }

        var pdf = await f.App.Client(Keys.Chief).GetByteArrayAsync("/api/v1/reports/neighborhoods/N1?month=2026-03");
        var text = await PdfTools.TextAsync(pdf, "fair-n1.pdf");
        var change = overall.GetProperty("change");
        var mark = !change.GetProperty("significant").GetBoolean() ? "within noise" : change.GetProperty("mean").GetDouble() > 0 ? "real rise" : "real fall";
        Assert.Contains(mark, text);
        Assert.Contains("Who answered", text);
        var es = byLanguage.GetProperty("es");
        Assert.Contains($"Spanish (es) {es.GetProperty("invitations").GetInt64()} {es.GetProperty("responses").GetInt64()} {P(es.GetProperty("responseRate").GetDouble())}", text);
        Assert.Contains("Newcombe", text);
    }

    [Fact]
    public async Task Migration_0012_backfills_the_new_scopes_exactly_as_the_writers_counted_them()
    {
        const string snapshot = """
            SELECT scope || '|' || scope_key || '|' || month || '|' || invitations || '|' || responses FROM monthly_counts
            WHERE scope IN ('officer-type', 'officer-language', 'neighborhood-language', 'city-language')
            UNION ALL
            SELECT scope || '|' || scope_key || '|' || month || '|' || item || '|' || n || '|' || total || '|' || total_sq || '|' || positives || '|' || c1 || '|' || c5
            FROM aggregates WHERE scope = 'officer-type'
            ORDER BY 1
            """;
        using var reader = new StreamReader(typeof(Surveys.Data.Db).Assembly.GetManifestResourceStream("Surveys.Data.Migrations.Sqlite.0012_fair_figures.sql")!);
        var sql = await reader.ReadToEndAsync();
        await using var db = new SqliteConnection(f.Database);
        var counted = (await db.QueryAsync<string>(snapshot)).ToList();
        Assert.Contains(counted, r => r.StartsWith("officer-type|LOW/call-for-service|2026-03|20|20"));
        Assert.Contains(counted, r => r.StartsWith("city-language|es|2026-03|"));

        // On a copy: what the migration computes from the contacts and responses alone.
        var copy = Path.Combine(Path.GetTempPath(), $"fair-backfill-{Guid.NewGuid():N}.db");
        await db.OpenAsync();
        await db.ExecuteAsync($"VACUUM INTO '{copy}'");
        await using var restored = new SqliteConnection($"Data Source={copy}");
        await restored.ExecuteAsync("""
            DELETE FROM monthly_counts WHERE scope IN ('officer-type', 'officer-language', 'neighborhood-language', 'city-language');
            DELETE FROM aggregates WHERE scope = 'officer-type';
            DROP INDEX aggregates_officer_type_overall;
            """);
        Assert.Empty(await restored.QueryAsync<string>(snapshot));
        await restored.ExecuteAsync(sql);
        Assert.Equal(counted, (await restored.QueryAsync<string>(snapshot)).ToList());
    }

    [Fact]
    public async Task A_bad_window_is_a_problem_naming_the_field_and_the_OpenAPI_document_describes_the_new_shapes()
    {
        var chief = f.App.Client(Keys.Chief);
        foreach (var (path, field) in new[]
        {
            ("/api/v1/stats/officers/M1?from=2026-04&to=2026-03", "from"), ("/api/v1/stats/officers/M1?to=2026-13", "to"),
            ("/api/v1/exports/early-intervention.csv?from=2023-01&to=2026-03", "from"), ("/api/v1/exports/early-intervention.csv?from=march", "from"),
        })
        {
            var response = await chief.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }

        var openApi = await f.App.Client().GetStringAsync("/openapi/v1.json");
        var doc = JsonDocument.Parse(openApi).RootElement;
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/exports/early-intervention.csv", out var export));
        Assert.True(export.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        foreach (var (schema, property) in new[] { ("FigureSet", "byLanguage"), ("FigureSet", "adjusted"), ("ItemFigures", "change"),
                     ("ItemFigures", "vsCity"), ("ItemDifference", "pctPositiveCi95"), ("AdjustedFigures", "shrunkPctPositiveCi95") })
            Assert.True(schemas.GetProperty(schema).GetProperty("properties").TryGetProperty(property, out _), $"{schema}.{property}");
        var officer = doc.GetProperty("paths").GetProperty("/api/v1/stats/officers/{badge}").GetProperty("get");
        Assert.Contains(officer.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "from");
    }

    static void AssertDifference(JsonElement d, string against, List<int> a, List<int> b)
    {
        Assert.Equal(against, d.GetProperty("against").GetString());
        var welch = Differences.WelchFromSums(a.Count, a.Sum(), a.Sum(x => x * x), b.Count, b.Sum(), b.Sum(x => x * x));
        var newcombe = Differences.Newcombe(a.Count(x => x >= 4), a.Count, b.Count(x => x >= 4), b.Count);
        Assert.Equal(R(a.Average() - b.Average(), 2), d.GetProperty("mean").GetDouble());
        Assert.Equal([R(welch.Low, 2), R(welch.High, 2)], d.GetProperty("meanCi95").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([R(newcombe.Low, 4), R(newcombe.High, 4)], d.GetProperty("pctPositiveCi95").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(welch.ExcludesZero, d.GetProperty("significant").GetBoolean());
    }

    static double R(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
    static string I(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
    static string P(double v) => (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
