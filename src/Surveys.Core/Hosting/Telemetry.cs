using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Surveys.Hosting;

/// <summary>
/// Traces and metrics over OTLP/HTTP when `Surveys:Telemetry:OtlpEndpoint` is set: ours plus what
/// ASP.NET Core, HttpClient, MassTransit and Npgsql emit natively (their instrumentation
/// packages are not available here, so the SDK listens to their sources and meters directly).
/// </summary>
public static class Telemetry
{
    public const string Name = "Surveys";
    public static readonly ActivitySource Source = new(Name);
    static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ResponsesAccepted = Meter.CreateCounter<long>("surveys.responses.accepted", description: "answers confirmed by the broker, or queued on disk in Embedded mode (202)");
    public static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>("surveys.publish.duration", "ms", "publish until broker confirm");
    public static readonly Counter<long> ResponsesStored = Meter.CreateCounter<long>("surveys.responses.stored", description: "responses inserted by the worker");
    public static readonly Histogram<double> ConsumeLag = Meter.CreateHistogram<double>("surveys.consume.lag", "ms", "submission until committed");
    public static readonly Counter<long> FlagsRaised = Meter.CreateCounter<long>("surveys.flags.raised");
    public static readonly Counter<long> SmsSent = Meter.CreateCounter<long>("surveys.sms.sent");

    /// <summary>Latest queue depth seen by the worker's probe (-1 until known).</summary>
    public static long QueueDepth { get; set; } = -1;

    static Telemetry() => Meter.CreateObservableGauge("surveys.queue.depth", () => QueueDepth, description: "messages waiting in survey-responses");

    public static void AddSurveysTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var endpoint = configuration["Surveys:Telemetry:OtlpEndpoint"];
        if (string.IsNullOrEmpty(endpoint)) return;
        var interval = configuration.GetValue("Surveys:Telemetry:ExportInterval", TimeSpan.FromSeconds(15));
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        var baseUri = endpoint.TrimEnd('/');

        var tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
            .AddSource(Name, "MassTransit", "Microsoft.AspNetCore", "System.Net.Http", "Npgsql")
            .AddOtlpExporter(o => { o.Protocol = OtlpExportProtocol.HttpProtobuf; o.Endpoint = new Uri(baseUri + "/v1/traces"); })
            .Build();
        var meters = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
            .AddMeter(Name, "MassTransit", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql")
            .AddOtlpExporter((o, reader) =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(baseUri + "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)interval.TotalMilliseconds;
            })
            .Build();
        // Registered so the container disposes them at shutdown, which flushes what is buffered.
        services.AddSingleton(tracer);
        services.AddSingleton(meters);
    }
}
