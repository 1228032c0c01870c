using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Sms;

namespace Surveys.Tests.Public;

/// <summary>
/// A November 2026 with distinctive strings everywhere the public must never see them: officer
/// names and badges, a lieutenant, comments, internal problem titles and descriptions, an
/// unapproved public title. N1 has 12 answers (shown), N2 four (withheld). Seeded through intake,
/// the resident API and the in-process worker; events and problems through SQL (their APIs land
/// with their own branches).
/// </summary>
public sealed class PublicSeedFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    public static readonly string[] Secrets =
        ["ZQ7781", "XV4402", "Zebulon Quartermain", "Wilhelmina Fairweather", "Hortensia Blackwood", "marmalade-quixotic", "INTERNAL-TITLE-QQ",
         "INTERNAL-DESC-QQ", "UNAPPROVED-TITLE-ZZ"];
    public const string ApprovedTitle = "Safer crossings near Elm School";

    public SurveysApp App { get; } = SurveysApp.Embedded(clock: new ManualClock(Now));
    public string Database => $"Data Source={Path.Combine(App.Settings["Surveys:DataDirectory"]!, "surveys.db")}";
    public string OpenToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await App.WaitReadyAsync();
        var admin = App.Client(Keys.Admin);
        foreach (var (code, name) in new[] { ("N1", "Riverside"), ("N2", "Hilltop") })
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name, lieutenant = "Lt. Hortensia Blackwood" })).IsSuccessStatusCode);
        foreach (var (badge, name) in new[] { ("ZQ7781", "Zebulon Quartermain"), ("XV4402", "Wilhelmina Fairweather") })
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name, unit = "Patrol", active = true })).IsSuccessStatusCode);

        var intake = App.Client(Keys.Intake);
        var resident = App.Client();
        int[] n1 = [5, 4, 4, 3, 5, 2, 4, 5, 3, 4, 5, 4], n2 = [2, 3, 4, 5];
        var seq = 0;
        async Task<string> ContactAsync(string nb, string language)
        {
            seq++;
            var response = await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = $"PUB-{seq}", occurredAt = Now.AddHours(-2), neighborhood = nb, contactType = "call-for-service",
                officers = new[] { seq % 2 == 0 ? "ZQ7781" : "XV4402" }, phone = $"+1555{seq:D7}", language,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyUrl").GetString()!;
            return url[(url.LastIndexOf('/') + 1)..];
        }
        foreach (var (nb, answers) in new[] { ("N1", n1), ("N2", n2) })
            for (var i = 0; i < answers.Length; i++)
            {
                var token = await ContactAsync(nb, i % 3 == 2 ? "es" : "en");
                var v = answers[i];
                var submit = await resident.PostAsJsonAsync("/api/v1/responses", new
                {
                    token, answers = new { overall = v, respect = v, voice = v, fairness = Math.Max(1, v - 1), explanation = v, trust = v },
                    comment = $"Officer Zebulon Quartermain (ZQ7781) was marmalade-quixotic {i}", shareComment = true, wantsFollowUp = i < 3,
                });
                Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
            }
        OpenToken = await ContactAsync("N1", "en");
        var chief = App.Client(Keys.Chief);
        await Eventually.TrueAsync(async () =>
        {
            var city = await chief.GetFromJsonAsync<JsonElement>("/api/v1/stats/city?month=2026-11");
            return city.GetProperty("responses").GetInt64() == 16 && city.GetProperty("followUps").GetProperty("requested").GetInt64() == 6;
        }, TimeSpan.FromSeconds(60), "16 responses and 6 follow-ups stored");

        await using var db = new SqliteConnection(Database);
        var at = Now.ToUnixTimeMilliseconds();
        const string eventSql = """
            INSERT INTO events (id, neighborhood, kind, title, starts_at, month, attendance, token, created_by, created_at, updated_at)
            VALUES (@Id, @Nb, 'community-meeting', @Title, @At, '2026-11', 20, @Id, 'ZQ7781', @At, @At)
            """;
        foreach (var (id, nb, offset) in new[] { ("e1", "N1", -5), ("e2", "N1", -1), ("e3", (string?)null, -2), ("e4", "N1", 5) })
            await db.ExecuteAsync(eventSql, new { Id = id, Nb = nb, Title = "Meeting with Zebulon Quartermain", At = at + offset * 86_400_000L });
        const string problemSql = """
            INSERT INTO problems (id, neighborhood, title, public_title, public_title_approved_by, description, stage, created_by, created_at, updated_at)
            VALUES (@Id, 'N1', 'INTERNAL-TITLE-QQ', @Public, @Approver, 'INTERNAL-DESC-QQ about Zebulon Quartermain', @Stage, 'lt', @At, @At)
            """;
        await db.ExecuteAsync(problemSql, new { Id = "p1", Public = ApprovedTitle, Approver = "chief", Stage = "response", At = at });
        await db.ExecuteAsync(problemSql, new { Id = "p2", Public = "UNAPPROVED-TITLE-ZZ", Approver = (string?)null, Stage = "analysis", At = at });
        await db.ExecuteAsync(problemSql, new { Id = "p3", Public = (string?)null, Approver = (string?)null, Stage = "scanning", At = at });
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
