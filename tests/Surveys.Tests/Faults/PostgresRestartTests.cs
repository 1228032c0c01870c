using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

[Collection("servers")]
public sealed class PostgresRestartTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
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
        output.WriteLine(string.Join(", ", ledger.Statuses.Select(s => $"{(int)s.Key}×{s.Value}")));

        // Answers refused while the database was away (503) are retried, as a resident would.
        var retry = new Ledger();
        await retry.SubmitAllAsync(app, tokens.Where(t => !ledger.Acked.Contains(t)), concurrency: 8);
        ledger.Acked.UnionWith(retry.Acked);
        ledger.Indeterminate.UnionWith(retry.Indeterminate);

        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) >= ledger.Acked.Count, TimeSpan.FromSeconds(120), "every 202 stored");
        var codec = app.Service<TokenCodec>();
        var check = await ledger.CheckAsync(app.ConnectionString, t => codec.TryDecode(t, out var d) ? d.TokenId : t);
        output.WriteLine(check.ToString());
        Assert.Equal(0, check.Lost);
        Assert.Equal(0, check.Duplicated);
        Assert.Equal(0, check.Unexplained);
        Assert.Equal(check.Recount, check.AggregateN);
        Assert.DoesNotContain(System.Net.HttpStatusCode.InternalServerError, ledger.Statuses.Keys);
    }
}
