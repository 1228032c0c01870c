using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Figures;
using Surveys.Tests.Flags;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Sms;

namespace Surveys.Tests.ProblemSolving;

/// <summary>
/// The assessment against an independent recount: answers seeded through intake, the resident API
/// and the worker, month by month on the agency's clock (New York), the response begun mid-March.
/// </summary>
public sealed class ProblemAssessmentTests : IAsyncLifetime
{
    static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    readonly ManualClock _clock = new(new DateTimeOffset(2025, 11, 10, 17, 0, 0, TimeSpan.Zero));
    readonly SurveysApp _app;
    readonly List<(DateTimeOffset At, int Overall, int? Voice)> _seeded = [];
    int _sequence;

    public ProblemAssessmentTests() => _app = SurveysApp.Embedded(clock: _clock);
    public Task InitializeAsync() => _app.WaitReadyAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void The_independent_formulas_reproduce_Newcombes_published_example_and_the_t_table()
    {
        var (d, low, high) = TextbookIntervals.Newcombe(56, 70, 48, 80); // Newcombe 1998, Table II, example (a)
        Assert.Equal((0.2, 0.0524, 0.3339), (Math.Round(d, 4), Math.Round(low, 4), Math.Round(high, 4)));
        var product = Differences.Newcombe(56, 70, 48, 80);
        Assert.Equal((0.2, 0.0524, 0.3339), (Math.Round(product.Estimate, 4), Math.Round(product.Low, 4), Math.Round(product.High, 4)));
        Assert.Equal(2.2281, Math.Round(TextbookIntervals.TQuantile975(10), 4));
        Assert.Equal(12.7062, Math.Round(TextbookIntervals.TQuantile975(1), 4));
    }

    [Fact]
    public async Task Before_is_the_three_full_months_before_the_response_month_and_after_is_that_month_on()
    {
        var admin = _app.Client(Keys.Admin);
        Assert.True((await admin.PutAsJsonAsync("/api/v1/neighborhoods/N1", new { name = "Area N1", lieutenant = "Lt. Muñoz" })).IsSuccessStatusCode);
        Assert.True((await admin.PutAsJsonAsync("/api/v1/officers/1001", new { name = "Officer 1001", unit = "Patrol", active = true })).IsSuccessStatusCode);

        await SeedAsync(new(2025, 11, 12, 16, 0, 0, TimeSpan.Zero), [(5, 5), (5, 5), (5, 5), (5, 5), (5, 5), (5, 5), (5, 5), (5, 5), (5, 5), (5, 5)]); // four months before: never counted
        await SeedAsync(new(2025, 12, 10, 16, 0, 0, TimeSpan.Zero), [(2, 1), (3, 2), (2, 2), (4, 3), (1, null)]);
        await SeedAsync(new(2026, 1, 14, 16, 0, 0, TimeSpan.Zero), [(3, 2), (2, 1), (4, 4), (2, null)]);
        await SeedAsync(new(2026, 2, 11, 16, 0, 0, TimeSpan.Zero), [(3, 3), (2, 2), (3, 1)]);
        await SeedAsync(new(2026, 3, 1, 3, 0, 0, TimeSpan.Zero), [(1, 1), (4, 2)]);  // 22:00 on 28 February in New York: before
        await SeedAsync(new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero), [(5, 4)]);          // 01:00 on 1 March in New York: after
        await SeedAsync(new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero), [(4, 4), (5, 3), (3, 3), (4, 5)]);

        _clock.Now = new DateTimeOffset(2026, 3, 15, 16, 0, 0, TimeSpan.Zero);
        var id = await ProblemLifecycleTests.OpenAsync(_app, Keys.LieutenantN1, "N1", new { items = new[] { "overall", "voice" } });
        var lt = _app.Client(Keys.LieutenantN1);
        foreach (var stage in new[] { "analysis", "response" })
            Assert.Equal(HttpStatusCode.OK, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/stage", new { stage })).StatusCode);

        // Five answers after the response began: too early to tell, the after side and the difference withheld.
        var early = (await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}")).GetProperty("assessment");
        Assert.Equal("2026-03-15", early.GetProperty("responseStartedOn").GetString());
        Assert.Equal("too-early", early.GetProperty("status").GetString());
        Assert.Equal(("2025-12", "2026-02"), (early.GetProperty("before").GetProperty("from").GetString(), early.GetProperty("before").GetProperty("to").GetString()));
        Assert.Equal(("2026-03", "2026-03"), (early.GetProperty("after").GetProperty("from").GetString(), early.GetProperty("after").GetProperty("to").GetString()));
        var afterOverall = early.GetProperty("after").GetProperty("items").GetProperty("overall");
        Assert.Equal(5, afterOverall.GetProperty("n").GetInt64());
        Assert.True(afterOverall.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, afterOverall.GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, early.GetProperty("difference").GetProperty("overall").ValueKind);
        Check(early.GetProperty("before").GetProperty("items").GetProperty("overall"), Side(Before, a => a.Overall));

        await SeedAsync(new(2026, 4, 8, 15, 0, 0, TimeSpan.Zero), [(4, 4), (5, 5), (4, 3), (3, 4), (5, 5), (4, 4), (5, 4), (2, 3), (4, 4)]);
        var ready = (await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}")).GetProperty("assessment");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("2026-04", ready.GetProperty("after").GetProperty("to").GetString());
        foreach (var (item, pick) in new (string, Func<(DateTimeOffset At, int Overall, int? Voice), int?>)[] { ("overall", a => a.Overall), ("voice", a => a.Voice) })
        {
            var (before, after) = (Side(Before, pick), Side(After, pick));
            Assert.True(before.Count >= 10 && after.Count >= 10, item);
            Check(ready.GetProperty("before").GetProperty("items").GetProperty(item), before);
            Check(ready.GetProperty("after").GetProperty("items").GetProperty(item), after);
            var difference = ready.GetProperty("difference").GetProperty(item);
            var welch = TextbookIntervals.Welch(after, before);
            Near(welch.D, difference.GetProperty("mean").GetDouble(), 0.005);
            Near(welch.Low, difference.GetProperty("meanCi95")[0].GetDouble(), 0.005);
            Near(welch.High, difference.GetProperty("meanCi95")[1].GetDouble(), 0.005);
            Assert.Equal(welch.Low > 0 || welch.High < 0, difference.GetProperty("significant").GetBoolean());
            var newcombe = TextbookIntervals.Newcombe(after.Count(v => v >= 4), after.Count, before.Count(v => v >= 4), before.Count);
            Near(newcombe.D, difference.GetProperty("pctPositive").GetDouble(), 0.00005);
            Near(newcombe.Low, difference.GetProperty("pctPositiveCi95")[0].GetDouble(), 0.00005);
            Near(newcombe.High, difference.GetProperty("pctPositiveCi95")[1].GetDouble(), 0.00005);
        }
    }

    static readonly string[] Before = ["2025-12", "2026-01", "2026-02"], After = ["2026-03", "2026-04"];

    List<int> Side(string[] months, Func<(DateTimeOffset At, int Overall, int? Voice), int?> pick) =>
        _seeded.Where(a => months.Contains(TimeZoneInfo.ConvertTime(a.At, Zone).ToString("yyyy-MM"))).Select(pick).OfType<int>().ToList();

    static void Check(JsonElement figures, List<int> values)
    {
        Assert.Equal(values.Count, figures.GetProperty("n").GetInt64());
        Near(values.Average(), figures.GetProperty("mean").GetDouble(), 0.005);
        Near((double)values.Count(v => v >= 4) / values.Count, figures.GetProperty("pctPositive").GetDouble(), 0.00005);
    }

    static void Near(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance + 1e-9, $"expected {expected}, got {actual}");

    /// <summary>Contacts at <paramref name="at"/> answered an hour later on the service's clock, stored by the worker before the clock moves on.</summary>
    async Task SeedAsync(DateTimeOffset at, (int Overall, int? Voice)[] answers)
    {
        _clock.Now = at.AddHours(1);
        var (intake, resident) = (_app.Client(Keys.Intake), _app.Client());
        foreach (var (overall, voice) in answers)
        {
            var n = ++_sequence;
            var contact = await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = $"PROB-{n}", occurredAt = at, neighborhood = "N1", contactType = "call-for-service", officers = new[] { "1001" },
                phone = $"+1555{n:D7}", language = "en",
            });
            Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
            var url = (await contact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyUrl").GetString()!;
            var given = new Dictionary<string, int> { ["overall"] = overall };
            if (voice is { } v) given["voice"] = v;
            Assert.Equal(HttpStatusCode.Accepted, (await resident.PostAsJsonAsync("/api/v1/responses", new { token = url[(url.LastIndexOf('/') + 1)..], answers = given })).StatusCode);
            _seeded.Add((at, overall, voice));
        }
        await Eventually.TrueAsync(async () => await FlagScenario.ScalarAsync<long>(_app, "SELECT COUNT(*) FROM responses") == _seeded.Count,
            TimeSpan.FromSeconds(30), $"{_seeded.Count} responses stored");
    }
}
