using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Public;

/// <summary>The public pages' own SQL (meetings, approved problem titles, the CSV's neighborhoods) on PostgreSQL.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class ServerPublicTests(ServersFixture servers)
{
    static readonly LazyServerApp Shared = new();

    [ServerFact]
    public async Task Pages_and_csv_answer_on_postgresql_with_meetings_and_only_approved_titles()
    {
        var app = (ServerApp)await Shared.GetAsync(servers);
        var code = $"P{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        Assert.True((await app.Client(Keys.Admin).PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = "Harbor" })).IsSuccessStatusCode);
        var now = DateTimeOffset.UtcNow;
        var month = Surveys.Rules.Months.Of(now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await using (var db = new NpgsqlConnection(app.ConnectionString))
        {
            await db.ExecuteAsync("""
                INSERT INTO events (id, neighborhood, kind, title, starts_at, month, attendance, token, created_by, created_at, updated_at)
                VALUES (@Id, @Code, 'community-meeting', 'Meeting', @At, @Month, 5, @Id, 'x', @At, @At)
                """, new { Id = $"ev-{code}", Code = code, At = now.AddMinutes(-30).ToUnixTimeMilliseconds(), Month = month });
            const string problem = """
                INSERT INTO problems (id, neighborhood, title, public_title, public_title_approved_by, description, stage, created_by, created_at, updated_at)
                VALUES (@Id, @Code, 'internal', @Public, @By, 'internal', 'analysis', 'x', 0, 0)
                """;
            await db.ExecuteAsync(problem, new { Id = $"a-{code}", Code = code, Public = "Approved harbor lighting", By = (string?)"chief" });
            await db.ExecuteAsync(problem, new { Id = $"b-{code}", Code = code, Public = "NOT-APPROVED-HARBOR", By = (string?)null });
        }
        var client = app.Client();
        var page = await client.GetStringAsync($"/public/neighborhoods/{code}");
        Assert.Contains("Approved harbor lighting", page);
        Assert.DoesNotContain("NOT-APPROVED-HARBOR", page);
        Assert.Contains("Approved harbor lighting", await client.GetStringAsync("/public"));
        var csv = await client.GetAsync("/public/data/figures.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains($"neighborhood,{code},{month}", await csv.Content.ReadAsStringAsync());
    }
}
