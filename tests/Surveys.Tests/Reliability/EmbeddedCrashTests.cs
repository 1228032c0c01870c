using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Surveys.Tests.Reliability;

/// <summary>
/// Embedded mode, for real: the built API as one OS process on a SQLite file, SIGKILLed and started
/// again on the same data directory. Every 202 must be stored exactly once, checked against a
/// ledger of what each resident was told and answered (the aggregates against a recount of it).
/// </summary>
// A fault scenario (real processes, SIGKILL): with the slow set, not the fast loop.
[RequiresServers]
public sealed class EmbeddedCrashTests(ITestOutputHelper output) : IDisposable
{
    readonly Dictionary<string, string?> _settings = Settings();
    readonly Dictionary<string, string> _issued = []; // token → token id
    string DataDirectory => _settings["Surveys:DataDirectory"]!;
    string Database => $"Data Source={Path.Combine(DataDirectory, "surveys.db")};Pooling=False";

    [ServerFact]
    public async Task Api_killed_under_load_keeps_every_202_and_every_resident_without_one_can_retry_and_is_stored_once()
    {
        var api = await ApiProcess.StartAsync(_settings);
        var tokens = await ContactsAsync(api, "EK1", 400);
        var acked = new HashSet<string>();
        var enoughAcked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submitting = SubmitAllAsync(api, tokens, 16, (token, status) =>
        {
            lock (acked)
            {
                if (status == HttpStatusCode.Accepted) acked.Add(token);
                if (acked.Count >= 150) enoughAcked.TrySetResult();
            }
        });
        await enoughAcked.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await api.KillAsync(); // SIGKILL while residents are still submitting
        var told = await submitting;
        var pendingAtKill = await ScalarAsync("SELECT COUNT(*) FROM queued_responses WHERE rejected IS NULL");
        output.WriteLine($"202 before the kill: {acked.Count} of {tokens.Count}; still queued on disk: {pendingAtKill}");
        Assert.True(acked.Count < tokens.Count, "the kill should land mid-stream");

        // The restart stores the backlog with no new submission: wait for every 202 to be counted.
        await using var restarted = await ApiProcess.StartAsync(_settings);
        await Eventually.TrueAsync(async () => (await StoredAsync()).IsSupersetOf(acked), TimeSpan.FromSeconds(60), "every 202 stored after the restart");
        var stored = await StoredAsync();
        // A request cut off by the kill may or may not have committed: the ledger counts it only if stored.
        var expected = acked.Union(told.Keys.Where(t => told[t] is null && stored.Contains(t))).ToList();
        Assert.Empty(stored.Except(told.Keys)); // nothing stored that was never submitted
        await AssertAggregatesMatchAsync(expected);

        // Every resident without a 2xx tries again: a 202, or a 409 because the cut-off request did
        // commit; either way their answer ends up stored exactly once and nobody is stranded.
        var retry = tokens.Where(t => told[t] is not HttpStatusCode.Accepted).ToList();
        var retried = await SubmitAllAsync(restarted, retry, 16, (_, _) => { });
        output.WriteLine($"retried {retry.Count}: {string.Join(", ", retried.Values.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}"))}");
        Assert.All(retried, r => Assert.True(r.Value is HttpStatusCode.Accepted || (r.Value is HttpStatusCode.Conflict && stored.Contains(r.Key)), $"{r.Value}"));
        await Eventually.TrueAsync(async () => (await StoredAsync()).Count == tokens.Count, TimeSpan.FromSeconds(60), "every resident stored");
        await AssertAggregatesMatchAsync(tokens);
    }

    [ServerFact]
    public async Task Answers_queued_before_a_kill_are_stored_by_the_restarted_process_without_any_new_submission()
    {
        var api = await ApiProcess.StartAsync(_settings);
        var tokens = await ContactsAsync(api, "EK2", 30);
        // Storing fails (as on a full disk) while queueing still works: every 202 stays queued.
        await ExecuteAsync("CREATE TRIGGER hold_responses BEFORE INSERT ON responses BEGIN SELECT RAISE(ABORT, 'held by the test'); END");
        var told = await SubmitAllAsync(api, tokens, 8, (_, _) => { });
        Assert.All(told.Values, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(30, await ScalarAsync("SELECT COUNT(*) FROM queued_responses WHERE rejected IS NULL"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM responses"));
        await api.KillAsync();

        await ExecuteAsync("DROP TRIGGER hold_responses");
        await using var restarted = await ApiProcess.StartAsync(_settings);
        await Eventually.TrueAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM queued_responses") == 0, TimeSpan.FromSeconds(60), "queue drained");
        Assert.Equal(tokens.ToHashSet(), await StoredAsync());
        await AssertAggregatesMatchAsync(tokens);
        // Each resident is told "already answered" now: the claim and its answer survived together.
        using var client = restarted.Client();
        Assert.Equal(HttpStatusCode.Conflict, (await Submit(client, tokens[0])).StatusCode);
    }

    /// <summary>City figures for overall: n and the sum of the answers, against the ledger's own recount.</summary>
    async Task AssertAggregatesMatchAsync(IReadOnlyCollection<string> expectedTokens)
    {
        await using var db = new SqliteConnection(Database);
        var (n, total) = await db.QuerySingleOrDefaultAsync<(long, long)>("SELECT n, total FROM aggregates WHERE scope = 'city' AND item = 'overall'");
        output.WriteLine($"aggregates n = {n}, total = {total}; ledger {expectedTokens.Count}, {expectedTokens.Sum(Overall)}");
        Assert.Equal(expectedTokens.Count, n);
        Assert.Equal(expectedTokens.Sum(Overall), total);
    }

    // Each token's answer follows from the token, so the ledger can recount the sum without the database.
    static int Overall(string token) => token[^1] % 5 + 1;

    static Task<HttpResponseMessage> Submit(HttpClient client, string token) =>
        client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = Overall(token), trust = 4 } });

    /// <summary>What each resident was told: a status, or null when the request got no answer at all.</summary>
    static async Task<Dictionary<string, HttpStatusCode?>> SubmitAllAsync(ApiProcess api, IEnumerable<string> tokens, int concurrency, Action<string, HttpStatusCode> seen)
    {
        using var client = api.Client();
        var told = new Dictionary<string, HttpStatusCode?>();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (token, _) =>
        {
            HttpStatusCode? status = null;
            try { status = (await Submit(client, token)).StatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { } // the process died under it
            lock (told) told[token] = status;
            if (status is { } s) seen(token, s);
        });
        return told;
    }

    async Task<List<string>> ContactsAsync(ApiProcess api, string neighborhood, int count)
    {
        using var admin = api.Client(Keys.Admin);
        (await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{neighborhood}", new { name = neighborhood })).EnsureSuccessStatusCode();
        using var intake = api.Client(Keys.Intake);
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var r = await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = $"{neighborhood}-{i}", occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood,
                contactType = "traffic-stop", officers = new[] { "9001" }, phone = $"+1777{i:D7}",
            });
            r.EnsureSuccessStatusCode();
            var url = (await r.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["surveyUrl"]!;
            tokens[i] = url[(url.LastIndexOf('/') + 1)..];
        });
        var codec = new TokenCodec(Convert.FromBase64String(_settings["Surveys:Keys:TokenMac"]!));
        foreach (var t in tokens) _issued[t] = codec.TryDecode(t, out var d) ? d.TokenId : throw new InvalidOperationException("undecodable token");
        return [.. tokens];
    }

    /// <summary>The tokens whose response is stored (the database holds token ids: decoded with the test key).</summary>
    async Task<HashSet<string>> StoredAsync()
    {
        await using var db = new SqliteConnection(Database);
        var ids = (await db.QueryAsync<string>("SELECT token_id FROM responses")).ToHashSet();
        return _issued.Where(t => ids.Contains(t.Value)).Select(t => t.Key).ToHashSet();
    }

    async Task<long> ScalarAsync(string sql)
    {
        await using var db = new SqliteConnection(Database);
        return await db.ExecuteScalarAsync<long>(sql);
    }

    async Task ExecuteAsync(string sql)
    {
        await using var db = new SqliteConnection(Database);
        await db.ExecuteAsync(sql);
    }

    static Dictionary<string, string?> Settings()
    {
        var s = Keys.Settings();
        s["Surveys:DataDirectory"] = Directory.CreateTempSubdirectory("surveys-embedded-kill-").FullName;
        return s;
    }

    public void Dispose() => Shell.TryDeleteDirectory(DataDirectory);
}
