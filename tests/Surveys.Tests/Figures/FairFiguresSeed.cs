using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Figures;

/// <summary>
/// A known department: February and March 2026, two neighborhoods, officers sent to different
/// mixes of contact types, one clearly below what their mix predicts, one clearly above, one with
/// too few answers to be listed, English and Spanish speakers who answer at different rates.
/// Seeded through the real API (intake, resident submission, the in-process worker).
/// </summary>
public static class FairFiguresSeed
{
    public sealed record Planned(string Neighborhood, string Type, string Officer, string Language, int? Overall, DateTimeOffset OccurredAt);

    static readonly DateTimeOffset March = new(2026, 3, 12, 16, 0, 0, TimeSpan.Zero), February = new(2026, 2, 12, 16, 0, 0, TimeSpan.Zero);

    public static List<Planned> Plan()
    {
        var plan = new List<Planned>();
        int[] goodCalls = [5, 4, 5, 5, 4, 3, 5, 4, 5, 4], hardReports = [2, 3, 4, 1, 3, 2, 4, 3, 2, 5];
        void Add(string nb, string type, string officer, IEnumerable<int?> answers, DateTimeOffset at)
        {
            var i = 0;
            // Every third contact is a Spanish speaker: the rates by language must come out of the same rows.
            foreach (var a in answers) plan.Add(new(nb, type, officer, i++ % 3 == 2 ? "es" : "en", a, at));
        }
        foreach (var (officer, nb) in new[] { ("M1", "N1"), ("M2", "N1"), ("M3", "N2"), ("M4", "N2") })
        {
            Add(nb, "call-for-service", officer, goodCalls.Select(a => (int?)a), March);
            Add(nb, "report-taken", officer, hardReports.Select(a => (int?)a), March);
            Add(nb, "call-for-service", officer, Enumerable.Repeat<int?>(null, 4), March); // invited, never answered
        }
        Add("N1", "call-for-service", "LOW", [1, 2, 2, 3, 1, 2, 1, 4, 2, 1, 2, 1, 3, 2, 1, 2, 4, 1, 2, 1], March);
        Add("N2", "report-taken", "HIGH", Enumerable.Repeat<int?>(5, 18).Concat([4, 4]), March);
        Add("N1", "call-for-service", "FEW", [1, 1, 1, 1, 1], March);
        Add("N1", "call-for-service", "M1", Enumerable.Repeat<int?>(5, 12).Concat([4, 4, 3]), February);
        return plan;
    }

    public static async Task<List<Planned>> SeedAsync(SurveysApp app)
    {
        var admin = app.Client(Keys.Admin);
        foreach (var nb in new[] { "N1", "N2" })
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{nb}", new { name = $"Area {nb}", lieutenant = "Lt. Muñoz" })).IsSuccessStatusCode);
        foreach (var badge in new[] { "M1", "M2", "M3", "M4", "LOW", "HIGH", "FEW" })
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name = $"Officer {badge}", unit = "Patrol", active = true })).IsSuccessStatusCode);

        var intake = app.Client(Keys.Intake);
        var resident = app.Client();
        var plan = Plan();
        var sequence = 0;
        foreach (var p in plan)
        {
            sequence++;
            var response = await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = $"FAIR-{sequence}", occurredAt = p.OccurredAt, neighborhood = p.Neighborhood, contactType = p.Type,
                officers = new[] { p.Officer }, phone = $"+1555{sequence:D7}", language = p.Language,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            if (p.Overall is not { } overall) continue;
            var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyUrl").GetString()!;
            var submit = await resident.PostAsJsonAsync("/api/v1/responses", new { token = url[(url.LastIndexOf('/') + 1)..], answers = new { overall } });
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }
        // The worker has stored every answer once the city's two months show them all.
        var chief = app.Client(Keys.Chief);
        foreach (var (month, expected) in new[] { ("2026-03", plan.Count(p => p.Overall is not null && p.OccurredAt == March)),
                                                  ("2026-02", plan.Count(p => p.Overall is not null && p.OccurredAt == February)) })
            await Eventually.TrueAsync(async () => (await chief.GetFromJsonAsync<JsonElement>($"/api/v1/stats/city?month={month}")).GetProperty("responses").GetInt64() == expected,
                TimeSpan.FromSeconds(60), $"{expected} responses in {month}");
        return plan;
    }
}
