using System.Net;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;

namespace Surveys.Tests.Faults;

/// <summary>Processes that start before their broker and database become ready on their own.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class StartWhileDownTests
{
    [ServerFact]
    public async Task Api_and_worker_started_while_broker_and_database_are_down_become_ready_when_they_come_up()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var rabbit = await RabbitServer.StartAsync();
        await using var app = await ServerApp.CreateAsync(postgres, rabbit);
        await Task.WhenAll(postgres.StopAsync(), rabbit.StopAsync());

        var worker = app.StartWorkerProcess();
        try
        {
            var client = app.Client();
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(worker.HasExited, "the worker must wait for its dependencies, not crash");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostAsync("/api/v1/contacts", null)).StatusCode);

            await Task.WhenAll(postgres.StartAgainAsync(), rabbit.StartAgainAsync());
            await app.WaitReadyAsync(TimeSpan.FromSeconds(180)); // generous: MassTransit backs off its reconnects, and CI is loaded
            var tokens = await Ledger.ContactsAsync(app, "S1", 3);
            // Until the worker has declared its queue the API answers 503 (a mandatory publish with
            // nowhere to go), never 202: residents retry, as they would.
            var ledger = new Ledger();
            await Eventually.TrueAsync(async () =>
            {
                await ledger.SubmitAllAsync(app, tokens.Where(t => !ledger.Acked.Contains(t)), concurrency: 3);
                return ledger.Acked.Count == 3;
            }, TimeSpan.FromSeconds(180), "answers accepted once the worker is connected");
            Assert.Equal([System.Net.HttpStatusCode.Accepted], ledger.Statuses.Keys.Where(k => k != HttpStatusCode.ServiceUnavailable));
            await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) == 3, TimeSpan.FromSeconds(180), "worker consumes once everything is up");
        }
        finally { worker.Kill(entireProcessTree: true); }
    }
}
