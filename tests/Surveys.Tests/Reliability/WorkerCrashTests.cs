using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Surveys.Tests.Reliability;

[Collection("servers")]
[RequiresServers]
public sealed class WorkerCrashTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Worker_killed_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        // Small batches so the kill lands between commits, with work still queued.
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, new() { ["Surveys:Worker:BatchSize"] = "20" });
        var first = app.StartWorkerProcess(); // applies the schema, then is stopped so responses pile up
        await app.WaitReadyAsync();
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();

        var tokens = await Ledger.ContactsAsync(app, "K1", 1500);
        var ledger = new Ledger();
        await ledger.SubmitAllAsync(app, tokens, concurrency: 16);
        Assert.Equal(1500, ledger.Acked.Count);

        var worker = app.StartWorkerProcess();
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) > 0, TimeSpan.FromSeconds(60), "first commit");
        worker.Kill(entireProcessTree: true); // SIGKILL: no chance to finish or nack anything
        await worker.WaitForExitAsync();
        var atKill = await Ledger.StoredAsync(app.ConnectionString);
        output.WriteLine($"stored when killed: {atKill} of 1500");

        var restarted = app.StartWorkerProcess();
        try
        {
            Assert.True(atKill < 1500, "the kill should land mid-stream");
            await ledger.AssertConsistentAsync(app, app.ConnectionString, output);
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
        }
    }
}
