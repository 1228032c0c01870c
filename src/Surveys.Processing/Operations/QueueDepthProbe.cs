using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Surveys.Hosting;

namespace Surveys.Processing.Operations;

/// <summary>
/// Server mode: samples the depth of survey-responses for the surveys.queue.depth gauge (the
/// backlog is the first thing to watch when sizing workers). A failed sample is simply retried.
/// </summary>
public sealed class QueueDepthProbe(IOptions<SurveysOptions> options, ILogger<QueueDepthProbe> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var r = options.Value.RabbitMq;
        var factory = new ConnectionFactory { HostName = r.Host, Port = r.Port, VirtualHost = r.VirtualHost, UserName = r.Username, Password = r.Password };
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(ct);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
                while (!ct.IsCancellationRequested)
                {
                    Telemetry.QueueDepth = (await channel.QueueDeclarePassiveAsync(Responses.SurveyResponseConsumer.QueueName, ct)).MessageCount;
                    await Task.Delay(Interval, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug("Queue depth probe failed: {Error}", e.GetType().Name);
                Telemetry.QueueDepth = -1;
                await Task.Delay(Interval, ct);
            }
        }
    }
}
