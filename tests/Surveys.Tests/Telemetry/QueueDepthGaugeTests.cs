using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Surveys.Worker.Operations;

namespace Surveys.Tests.Telemetry;

/// <summary>The surveys.queue.depth gauge (docs/operations.md) reads the real RabbitMQ backlog.</summary>
[Collection("servers")]
public sealed class QueueDepthGaugeTests(ServersFixture servers)
{
    [Fact]
    public async Task Queue_depth_gauge_shows_the_waiting_answers_and_falls_to_zero_once_the_worker_drains_them()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync(); // declares and binds survey-responses
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "Q1", 3);
        await app.StopWorkerAsync();
        foreach (var token in tokens)
        {
            var r = await app.Client().PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = 4 } });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, r.StatusCode);
        }

        using var gauge = new Gauge();
        // The worker's own host, built but not started: only its registered probe runs, so nothing consumes.
        await using (var host = Surveys.Worker.Program.Build([], b =>
                     {
                         b.Configuration.AddInMemoryCollection(app.Settings);
                         b.WebHost.UseUrls("http://127.0.0.1:0");
                     }))
        {
            var probe = host.Services.GetServices<IHostedService>().OfType<QueueDepthProbe>().Single();
            await probe.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => Task.FromResult(gauge.Read() == 3), TimeSpan.FromSeconds(30), "gauge reads the 3 waiting answers");
            await probe.StopAsync(CancellationToken.None);
        }

        await app.StartWorkerAsync();
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) == 3, TimeSpan.FromSeconds(30), "the 3 answers stored");
        // The probe samples every 15 s.
        await Eventually.TrueAsync(() => Task.FromResult(gauge.Read() == 0), TimeSpan.FromSeconds(40), "gauge back to 0");
    }

    /// <summary>Reads surveys.queue.depth as an exporter would, through a MeterListener.</summary>
    sealed class Gauge : IDisposable
    {
        readonly MeterListener _listener = new();
        long? _value;

        public Gauge()
        {
            _listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == Surveys.Hosting.Telemetry.Name && i.Name == "surveys.queue.depth") l.EnableMeasurementEvents(i); };
            _listener.SetMeasurementEventCallback<long>((_, v, _, _) => _value = v);
            _listener.Start();
        }

        public long? Read()
        {
            _listener.RecordObservableInstruments();
            return _value;
        }

        public void Dispose() => _listener.Dispose();
    }
}
