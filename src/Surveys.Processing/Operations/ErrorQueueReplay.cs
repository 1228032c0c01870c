using RabbitMQ.Client;

namespace Surveys.Processing.Operations;

/// <summary>
/// `SurveyWorker replay-errors`: once the cause of a failure is fixed, moves every message from
/// survey-responses_error back to survey-responses. Each message is republished with a confirm
/// before it is acknowledged on the error queue, so a crash mid-way duplicates at worst (which
/// the worker's unique key absorbs) and never loses one.
/// </summary>
public static class ErrorQueueReplay
{
    public static async Task<int> RunAsync(SurveysOptions options, string queue, TextWriter output, CancellationToken ct = default)
    {
        var r = options.RabbitMq;
        var factory = new ConnectionFactory { HostName = r.Host, Port = r.Port, VirtualHost = r.VirtualHost, UserName = r.Username, Password = r.Password };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);

        var moved = 0;
        // Bounded by the depth at the start, so a message that fails again and returns to the
        // error queue while we run is not replayed in a loop.
        var depth = (await channel.QueueDeclarePassiveAsync($"{queue}_error", ct)).MessageCount;
        for (var i = 0; i < depth; i++)
        {
            var message = await channel.BasicGetAsync($"{queue}_error", autoAck: false, ct);
            if (message is null) break;
            var properties = new BasicProperties(message.BasicProperties);
            // MassTransit binds the endpoint's exchange (same name as the queue) to the queue.
            await channel.BasicPublishAsync(queue, "", mandatory: true, properties, message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        await output.WriteLineAsync($"Replayed {moved} message(s) from {queue}_error to {queue}.");
        return moved;
    }
}
