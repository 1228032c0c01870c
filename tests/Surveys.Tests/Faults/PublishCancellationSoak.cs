using System.Diagnostics;
using MassTransit;
using Surveys.Contracts;
using Surveys.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

/// <summary>Runs only with SURVEYS_SOAK=1: a one-off soak of minutes, not part of CI.</summary>
public sealed class SoakFactAttribute : FactAttribute
{
    public SoakFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SURVEYS_SOAK") != "1") Skip = "a soak: set SURVEYS_SOAK=1 to run it";
    }
}

/// <summary>
/// services.md's hazard: with MassTransit 8.4, publishes cancelled during a broker restart left the
/// publisher stuck for good in 4 of 13 restarts. Here: many restarts (stop/start, stop_app/start_app,
/// kill -9), each with publishes whose tokens fire while the broker is away; afterwards a publish
/// must be confirmed again within a minute. Result and command: docs/operations.md.
/// </summary>
[Collection("servers")]
[RequiresServers]
public sealed class PublishCancellationSoak(ServersFixture servers, ITestOutputHelper output)
{
    [SoakFact]
    public async Task Publishes_cancelled_during_broker_restarts_never_wedge_the_publisher()
    {
        var restarts = int.TryParse(Environment.GetEnvironmentVariable("SURVEYS_SOAK_RESTARTS"), out var n) ? n : 25;
        await using var rabbit = await RabbitServer.StartAsync();
        var app = await ServerApp.CreateAsync(servers.Postgres, rabbit);
        var (wedged, cancelledTotal) = (0, 0);
        try
        {
            for (var i = 0; i < restarts; i++)
            {
                var bus = app.Service<IBus>();
                await Probe(bus, TimeSpan.FromSeconds(120)); // connected before the fault
                using var stop = new CancellationTokenSource();
                var cancelled = 0;
                // 16 publishers, each publish cancelled after 300 ms: many tokens fire mid-restart.
                var publishers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                        try { await bus.Publish(Message(), cts.Token); }
                        catch (Exception) { Interlocked.Increment(ref cancelled); await Task.Delay(20); }
                    }
                })).ToList();
                var kind = (i % 3) switch { 0 => "stop/start", 1 => "stop_app/start_app", _ => "kill -9/start" };
                switch (i % 3)
                {
                    case 0: await rabbit.StopAsync(); await Task.Delay(1000); await rabbit.StartAgainAsync(); break;
                    case 1: await rabbit.StopAppAsync(); await Task.Delay(1000); await rabbit.StartAppAsync(); break;
                    default: await rabbit.KillAsync(); await rabbit.StartAgainAsync(); break;
                }
                stop.Cancel();
                // Each loop ends within its own 300 ms token, unless a publish ignores it (the hazard).
                var all = Task.WhenAll(publishers);
                var ended = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30))) == all;
                cancelledTotal += cancelled;

                var clock = Stopwatch.StartNew();
                var recovered = ended && await Probe(bus, TimeSpan.FromSeconds(60));
                output.WriteLine($"restart {i + 1} ({kind}): {cancelled} publishes cancelled or failed; next publish {(recovered ? $"confirmed after {clock.Elapsed.TotalSeconds:0.0} s" : "STUCK for 60 s")}");
                if (recovered) continue;
                wedged++;
                await app.DisposeAsync(); // a wedged bus stays wedged: start afresh to go on counting
                app = await ServerApp.CreateAsync(servers.Postgres, rabbit);
            }
        }
        finally { await app.DisposeAsync(); }
        output.WriteLine($"MassTransit {typeof(IBus).Assembly.GetName().Version}: wedged after {wedged} of {restarts} restarts ({cancelledTotal} publishes cancelled or failed)");
        Assert.Equal(0, wedged);
    }

    /// <summary>A publish without a token, raced against a timer (the API's own way): confirmed in time?</summary>
    static async Task<bool> Probe(IBus bus, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var publish = bus.Publish(Message());
            if (await Task.WhenAny(publish, Task.Delay(deadline - DateTime.UtcNow)) != publish) return false;
            if (publish.IsCompletedSuccessfully) return true;
            await Task.Delay(200); // failed fast (still reconnecting): try again
        }
        return false;
    }

    static SurveyResponseSubmitted Message() => new()
    {
        ReceiptId = Guid.NewGuid(), TokenId = "soak", SubmittedAt = DateTimeOffset.UtcNow, Answers = new() { ["overall"] = 3 },
    };
}
