using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reliability;

/// <summary>
/// What the resident was told, checked against what was stored (Jepsen-style): every 202 must be
/// stored exactly once, a 503 is indeterminate, and the aggregates must equal a recount from the ledger.
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

    public Task SubmitAllAsync(SurveysApp app, IEnumerable<string> tokens, int concurrency) => SubmitAllAsync(app.Client(), tokens, concurrency);

    /// <summary>No answer at all (the API process died mid-request) counts as status 0: indeterminate, like a 503.</summary>
    public async Task SubmitAllAsync(HttpClient client, IEnumerable<string> tokens, int concurrency)
    {
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (token, _) =>
        {
            HttpStatusCode status;
            try { status = (await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = Overall(token), trust = 4 } })).StatusCode; }
            catch (HttpRequestException) { status = 0; }
            lock (this)
            {
                Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
                if (status == HttpStatusCode.Accepted) Acked.Add(token);
                else if (status is HttpStatusCode.ServiceUnavailable or 0) Indeterminate.Add(token);
            }
        });
    }

    /// <summary>The overall rating this ledger submits for a token: known here, so the aggregates can be recounted.</summary>
    public static int Overall(string token) => token[0] % 5 + 1;

    /// <param name="Duplicated">answers the aggregates count beyond the ledger's recount of stored answers (counted twice)</param>
    /// <param name="AggregateValues">the city aggregates' c1..c5 for overall; RecountValues: the same from the ledger</param>
    public sealed record Check(int Stored, int Lost, long Duplicated, int Unexplained, long AggregateN, long Recount,
        string AggregateValues, string RecountValues, long MonthlyResponses);

    /// <summary>
    /// Compares by token id (the first 22 characters of a token encode it; the database holds it).
    /// The recount comes from the ledger (which tokens are stored, and what each was sent), not from
    /// the responses table, so an answer the aggregates took twice shows up as Duplicated.
    /// </summary>
    public async Task<Check> CheckAsync(string connectionString, Func<string, string> tokenId)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        // One snapshot: a late (indeterminate) answer committing between the reads must not look like a mismatch.
        await using var tx = await db.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var stored = (await db.QueryAsync<string>("SELECT token_id FROM responses", transaction: tx)).ToHashSet();
        var acked = Acked.Select(tokenId).ToHashSet();
        var sent = Acked.Union(Indeterminate).ToDictionary(tokenId, t => t);
        var recount = sent.Where(kv => stored.Contains(kv.Key)).Select(kv => Overall(kv.Value)).ToList();
        var a = await db.QuerySingleAsync<(long N, long C1, long C2, long C3, long C4, long C5)>("""
            SELECT COALESCE(SUM(n), 0), COALESCE(SUM(c1), 0), COALESCE(SUM(c2), 0), COALESCE(SUM(c3), 0), COALESCE(SUM(c4), 0), COALESCE(SUM(c5), 0)
            FROM aggregates WHERE scope = 'city' AND item = 'overall'
            """, transaction: tx);
        var monthly = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(responses), 0) FROM monthly_counts WHERE scope = 'city'", transaction: tx);
        var recountValues = string.Join(' ', Enumerable.Range(1, 5).Select(v => recount.Count(x => x == v)));
        return new Check(stored.Count, acked.Count(t => !stored.Contains(t)), a.N - recount.Count, stored.Count(t => !sent.ContainsKey(t)),
            a.N, recount.Count, $"{a.C1} {a.C2} {a.C3} {a.C4} {a.C5}", recountValues, monthly);
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
        Assert.Equal(check.RecountValues, check.AggregateValues);
        Assert.Equal(check.Recount, check.MonthlyResponses);
        return check;
    }

    public static async Task<long> StoredAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM responses");
    }
}
