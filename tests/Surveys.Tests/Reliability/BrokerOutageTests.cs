using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Surveys.Tests.Reliability;

/// <summary>
/// With the broker gone the API answers 503 within 5 s (never hangs), and recovers by itself when
/// the broker returns: the publish-cancellation hazard of services.md must not wedge it.
/// </summary>
[Collection("servers")]
[RequiresServers]
public sealed class BrokerOutageTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Broker_outage_gives_503_within_5_seconds_and_the_api_recovers_by_itself()
    {
        await using var rabbit = await RabbitServer.StartAsync(); // our own: stopping it must not disturb other tests
        await using var app = await ServerApp.CreateAsync(servers.Postgres, rabbit);
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "B1", 40);
        var ledger = new Ledger();
        await ledger.SubmitAllAsync(app, tokens.Take(10), concurrency: 4);
        Assert.Equal(10, ledger.Acked.Count);

        await rabbit.StopAsync();
        var client = app.Client();
        for (var i = 10; i < 16; i++)
        {
            var watch = Stopwatch.StartNew();
            var r = await client.PostAsJsonAsync("/api/v1/responses", new { token = tokens[i], answers = new { overall = Ledger.Overall(tokens[i]) } });
            output.WriteLine($"during outage: {(int)r.StatusCode} in {watch.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            ledger.Indeterminate.Add(tokens[i]);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);

        await rabbit.StartAgainAsync();
        await app.WaitReadyAsync(TimeSpan.FromSeconds(90));
        // Recovered: fresh tokens are accepted again, and the 503'd ones can be retried (202, or 409
        // when the late publish got through after all).
        await Eventually.TrueAsync(async () =>
            (await client.PostAsJsonAsync("/api/v1/responses", new { token = tokens[16], answers = new { overall = Ledger.Overall(tokens[16]) } })).StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(60), "publishing again after the broker came back");
        ledger.Acked.Add(tokens[16]);
        await ledger.SubmitAllAsync(app, tokens.Skip(17), concurrency: 4);
        foreach (var t in tokens.Skip(10).Take(6))
        {
            var r = await client.PostAsJsonAsync("/api/v1/responses", new { token = t, answers = new { overall = Ledger.Overall(t) } });
            Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict });
            if (r.StatusCode == HttpStatusCode.Accepted) ledger.Acked.Add(t);
        }

        await ledger.AssertConsistentAsync(app, app.ConnectionString, output);
    }
}
