using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reliability;

/// <summary>
/// What the resident was told, checked against what was stored (Jepsen-style): every 202 must be
/// stored exactly once, a 503 is indeterminate, and the aggregates must equal a recount.
/// </summary>
public sealed class Ledger
{
    public HashSet<string> Acked { get; } = [];
    public HashSet<string> Indeterminate { get; } = [];
    public Dictionary<HttpStatusCode, int> Statuses { get; } = [];

    public static async Task<List<string>> ContactsAsync(SurveysApp app, string neighborhood, int count)
    {
        var admin = app.Client(Keys.Admin);
        (await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{neighborhood}", new { name = neighborhood })).EnsureSuccessStatusCode();
        var intake = app.Client(Keys.Intake);
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var r = await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = $"{neighborhood}-{i}", occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood,
                contactType = "traffic-stop", officers = new[] { "9001", $"{9100 + i % 7}" }, phone = $"+1666{neighborhood.GetHashCode() & 0xFFF:D4}{i:D4}",
            });
            var url = (await r.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["surveyUrl"]!;
            tokens.Add(url[(url.LastIndexOf('/') + 1)..]);
        }
        return tokens;
    }

    public async Task SubmitAllAsync(SurveysApp app, IEnumerable<string> tokens, int concurrency)
    {
        var client = app.Client();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (token, _) =>
        {
            var r = await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = token[0] % 5 + 1, trust = 4 } });
            lock (this)
            {
                Statuses[r.StatusCode] = Statuses.GetValueOrDefault(r.StatusCode) + 1;
                if (r.StatusCode == HttpStatusCode.Accepted) Acked.Add(token);
                else if (r.StatusCode == HttpStatusCode.ServiceUnavailable) Indeterminate.Add(token);
            }
        });
    }

    public sealed record Check(int Stored, int Lost, int Duplicated, int Unexplained, long AggregateN, long Recount);

    /// <summary>Compares by token id (the first 22 characters of a token encode it; the database holds it).</summary>
    public async Task<Check> CheckAsync(string connectionString, Func<string, string> tokenId)
    {
        await using var db = new NpgsqlConnection(connectionString);
        var stored = (await db.QueryAsync<string>("SELECT token_id FROM responses")).ToList();
        var storedSet = stored.ToHashSet();
        var acked = Acked.Select(tokenId).ToHashSet();
        var allowed = acked.Union(Indeterminate.Select(tokenId)).ToHashSet();
        var aggregateN = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(n), 0) FROM aggregates WHERE scope = 'city' AND item = 'overall'");
        return new Check(stored.Count, acked.Count(t => !storedSet.Contains(t)), stored.Count - storedSet.Count,
            storedSet.Count(t => !allowed.Contains(t)), aggregateN, stored.Count);
    }

    /// <summary>
    /// Waits until every 202 is stored, then asserts the Jepsen-style invariants: lost = 0,
    /// duplicated = 0, nothing stored that was neither acked nor indeterminate, aggregates = recount.
    /// </summary>
    public async Task<Check> AssertConsistentAsync(SurveysApp app, string connectionString, Xunit.Abstractions.ITestOutputHelper output, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(async () => await StoredAsync(connectionString) >= Acked.Count, timeout ?? TimeSpan.FromSeconds(120), "every 202 stored");
        var codec = app.Service<Surveys.Security.TokenCodec>();
        var check = await CheckAsync(connectionString, t => codec.TryDecode(t, out var d) ? d.TokenId : t);
        output.WriteLine($"{string.Join(", ", Statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}; {check}");
        Assert.Equal(0, check.Lost);
        Assert.Equal(0, check.Duplicated);
        Assert.Equal(0, check.Unexplained);
        Assert.Equal(check.Recount, check.AggregateN);
        return check;
    }

    public static async Task<long> StoredAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM responses");
    }
}
