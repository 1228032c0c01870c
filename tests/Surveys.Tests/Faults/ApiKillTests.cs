using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Surveys.Api.Responses;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

/// <summary>
/// Server mode, two API processes, one SIGKILLed while residents submit: a claim it made but never
/// saw confirmed must not strand its resident (told "already answered" forever with nothing stored).
/// </summary>
[Collection("servers")]
[RequiresServers]
public sealed class ApiKillTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Api_process_killed_under_load_loses_nothing_and_strands_nobody()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, new() { ["Surveys:Worker:BatchSize"] = "20" });
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "K1", 300);
        var (port1, port2) = (Shell.FreePort(), Shell.FreePort());
        Process[] apis = [app.StartApiProcess(port1), app.StartApiProcess(port2)];
        try
        {
            using var doomed = ServerApp.ProcessClient(port1);
            using var survivor = ServerApp.ProcessClient(port2);
            await Eventually.TrueAsync(async () => (await doomed.GetAsync("/health/ready")).IsSuccessStatusCode
                && (await survivor.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(90), "both API processes ready");

            var ledger = new Ledger();
            var load = Task.WhenAll(ledger.SubmitAllAsync(doomed, tokens.Take(200), 16), ledger.SubmitAllAsync(survivor, tokens.Skip(200), 4));
            await Eventually.TrueAsync(() => { lock (ledger) return Task.FromResult(ledger.Acked.Count >= 60); }, TimeSpan.FromSeconds(90), "submissions under way");
            apis[0].Kill(entireProcessTree: true); // SIGKILL: claims in flight stay as they were
            await apis[0].WaitForExitAsync();
            await load;
            await using (var db = new NpgsqlConnection(app.ConnectionString))
                output.WriteLine($"claims left unconfirmed by the kill: {await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE submitted_at IS NOT NULL AND queued_at IS NULL")}");

            // Every resident not yet stored tries again on the surviving API until stored; a 409 is
            // only acceptable while the answer is on its way, and a stranded claim would time this out.
            var codec = app.Service<TokenCodec>();
            var retry = new Ledger();
            await Eventually.TrueAsync(async () =>
            {
                await using var db = new NpgsqlConnection(app.ConnectionString);
                var stored = (await db.QueryAsync<string>("SELECT token_id FROM responses")).ToHashSet();
                var pending = tokens.Where(t => !stored.Contains(codec.TryDecode(t, out var d) ? d.TokenId : t)).ToList();
                if (pending.Count > 0) await retry.SubmitAllAsync(survivor, pending, 8);
                return pending.Count == 0;
            }, TimeSpan.FromSeconds(120), "every resident answered");
            output.WriteLine($"first pass: {string.Join(", ", ledger.Statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}; retries: {string.Join(", ", retry.Statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}");

            ledger.Acked.UnionWith(retry.Acked);
            ledger.Indeterminate.UnionWith(retry.Indeterminate);
            await ledger.AssertConsistentAsync(app, app.ConnectionString, output);
            Assert.Equal(300L, await Ledger.StoredAsync(app.ConnectionString));
        }
        finally
        {
            foreach (var p in apis) if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    [ServerFact]
    public async Task An_unconfirmed_claim_frees_the_token_after_the_publish_timeout_and_margin_and_a_confirmed_one_never_does()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "K2", 3);
        var codec = app.Service<TokenCodec>();
        var now = DateTimeOffset.UtcNow;
        var expired = now - TimeSpan.Parse(app.Settings["Surveys:PublishTimeout"]!) - Submission.ClaimMargin - TimeSpan.FromSeconds(2);
        // As an API killed mid-submit leaves them: long ago and unconfirmed; just now and unconfirmed;
        // long ago and confirmed (the answer waiting in the queue).
        (DateTimeOffset At, DateTimeOffset? Queued)[] claims = [(expired, null), (now, null), (expired, expired)];
        await using (var db = new NpgsqlConnection(app.ConnectionString))
            for (var i = 0; i < 3; i++)
                await db.ExecuteAsync("UPDATE contacts SET submitted_at = @At, receipt_id = 'dead-api', queued_at = @Queued WHERE token_id = @Id", new
                {
                    At = claims[i].At.ToUnixTimeMilliseconds(), Queued = claims[i].Queued?.ToUnixTimeMilliseconds(),
                    Id = codec.TryDecode(tokens[i], out var d) ? d.TokenId : null,
                });

        var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        foreach (var token in tokens)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = 2 } })).StatusCode);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.Conflict], statuses);
        // The freed token's answer arrives, and its claim is now final.
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) == 1, TimeSpan.FromSeconds(30), "the freed answer stored");
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/responses", new { token = tokens[0], answers = new { overall = 2 } })).StatusCode);
    }
}
