using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

[Collection("servers")]
[RequiresServers]
public sealed class PostgresRestartTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Postgres_restarted_during_consumption_loses_and_duplicates_nothing()
    {
        await using var postgres = await PostgresServer.StartAsync(); // our own: the restart must not disturb other tests
        await using var app = await ServerApp.CreateAsync(postgres, servers.Rabbit, new() { ["Surveys:Worker:BatchSize"] = "20" });
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "P1", 1200);

        var ledger = new Ledger();
        var load = ledger.SubmitAllAsync(app, tokens, concurrency: 8);
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) > 100, TimeSpan.FromSeconds(60), "consumption under way");
        await postgres.RestartAsync();
        await load;

        // Answers refused while the database was away (503) are retried, as a resident would.
        var retry = new Ledger();
        await retry.SubmitAllAsync(app, tokens.Where(t => !ledger.Acked.Contains(t)), concurrency: 8);
        ledger.Acked.UnionWith(retry.Acked);
        ledger.Indeterminate.UnionWith(retry.Indeterminate);

        await ledger.AssertConsistentAsync(app, app.ConnectionString, output);
        Assert.DoesNotContain(System.Net.HttpStatusCode.InternalServerError, ledger.Statuses.Keys);
    }
}
