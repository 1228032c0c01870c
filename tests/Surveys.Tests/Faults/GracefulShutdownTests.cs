using System.Diagnostics;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

[Collection("servers")]
[RequiresServers]
public sealed class GracefulShutdownTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Worker_stopped_with_SIGTERM_under_load_finishes_or_requeues_its_work()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, new() { ["Surveys:Worker:BatchSize"] = "20" });
        var worker = app.StartWorkerProcess();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "G1", 1500);
        var ledger = new Ledger();
        var load = ledger.SubmitAllAsync(app, tokens, concurrency: 16);
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) > 50, TimeSpan.FromSeconds(60), "consumption under way");

        Process.Start("kill", ["-TERM", worker.Id.ToString()])!.WaitForExit();
        var exited = worker.WaitForExit(TimeSpan.FromSeconds(40));
        Assert.True(exited, "the worker should stop within its 30 s stop timeout");
        output.WriteLine($"worker exit code {worker.ExitCode}; stored at stop: {await Ledger.StoredAsync(app.ConnectionString)}");
        Assert.Equal(0, worker.ExitCode);
        await load;

        var restarted = app.StartWorkerProcess();
        try
        {
            await ledger.AssertConsistentAsync(app, app.ConnectionString, output);
            Assert.Equal(1500, ledger.Acked.Count);
        }
        finally { restarted.Kill(entireProcessTree: true); }
    }
}
