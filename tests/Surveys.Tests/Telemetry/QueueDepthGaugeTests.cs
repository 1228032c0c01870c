using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Surveys.Processing.Operations;

namespace Surveys.Tests.Telemetry;

/// <summary>The surveys.queue.depth gauge (docs/operations.md) reads the real RabbitMQ backlog.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class QueueDepthGaugeTests(ServersFixture servers)
{
    [ServerFact]
    public async Task Queue_depth_gauge_shows_the_waiting_answers_and_falls_to_zero_once_the_worker_drains_them()
    {
        using var gauge = new Gauge();
        Surveys.Hosting.Telemetry.QueueDepth = -1; // "unknown", as at start-up: only a probe that ran changes it
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync(); // declares and binds survey-responses
        await app.WaitReadyAsync();
        // The worker's own probe (samples every 15 s; the first may come before the queue exists).
        await Eventually.TrueAsync(() => Task.FromResult(gauge.Read() == 0), TimeSpan.FromSeconds(40), "the worker's probe reads the empty queue");
        var tokens = await Ledger.ContactsAsync(app, "Q1", 3);
        await app.StopWorkerAsync();
        foreach (var token in tokens)
        {
            var r = await app.Client().PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = 4 } });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, r.StatusCode);
        }

        // The probe alone (nothing consuming), configured as the worker is.
        var options = new SurveysOptions();
        new ConfigurationBuilder().AddInMemoryCollection(app.Settings).Build().GetSection(SurveysOptions.Section).Bind(options);
        var probe = new QueueDepthProbe(Options.Create(options), NullLogger<QueueDepthProbe>.Instance);
        await probe.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(gauge.Read() == 3), TimeSpan.FromSeconds(30), "gauge reads the 3 waiting answers");
        await probe.StopAsync(CancellationToken.None);

        await app.StartWorkerAsync();
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) == 3, TimeSpan.FromSeconds(30), "the 3 answers stored");
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
