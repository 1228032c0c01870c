using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

/// <summary>
/// RabbitMQ stopped and started again while residents keep submitting: 503s during the outage
/// (indeterminate, retried afterwards as a resident would), nothing acked is lost, nothing doubled,
/// and the API's publisher is not wedged afterwards (services.md's cancellation hazard).
/// </summary>
[Collection("servers")]
[RequiresServers]
public sealed class BrokerRestartUnderLoadTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Broker_restarted_mid_stream_loses_nothing_and_the_api_recovers()
    {
        await using var rabbit = await RabbitServer.StartAsync(); // our own: the restart must not disturb other tests
        await using var app = await ServerApp.CreateAsync(servers.Postgres, rabbit, new() { ["Surveys:Worker:BatchSize"] = "20" });
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "M1", 1500);

        var ledger = new Ledger();
        var load = ledger.SubmitAllAsync(app, tokens, concurrency: 8);
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) > 100, TimeSpan.FromSeconds(60), "consumption under way");
        await rabbit.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await rabbit.StartAgainAsync();
        await load;

        // Residents who got a 503 try again once the service is back, until accepted: a 503 frees
        // the token, so a retry is never told "already answered" for an answer that may be lost.
        await app.WaitReadyAsync(TimeSpan.FromSeconds(120));
        var retry = new Ledger();
        await Eventually.TrueAsync(async () =>
        {
            await retry.SubmitAllAsync(app, tokens.Where(t => !ledger.Acked.Contains(t) && !retry.Acked.Contains(t)), concurrency: 8);
            return tokens.All(t => ledger.Acked.Contains(t) || retry.Acked.Contains(t));
        }, TimeSpan.FromSeconds(120), "retries accepted after the restart");
        ledger.Acked.UnionWith(retry.Acked);
        ledger.Indeterminate.UnionWith(tokens.Where(t => !ledger.Acked.Contains(t)));
        output.WriteLine($"first pass: {string.Join(", ", ledger.Statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}; retry: {string.Join(", ", retry.Statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}");

        Assert.True(ledger.Statuses.ContainsKey(System.Net.HttpStatusCode.Accepted));
        Assert.False(retry.Statuses.ContainsKey(System.Net.HttpStatusCode.Conflict), "a retry after a 503 must never be 409");
        await ledger.AssertConsistentAsync(app, app.ConnectionString, output, TimeSpan.FromSeconds(180));
        Assert.Equal(1500L, await Ledger.StoredAsync(app.ConnectionString));
    }
}
