using System.Diagnostics;
using MassTransit;
using RabbitMQ.Client;

namespace Surveys.Bench;

/// <summary>
/// About the size of SurveyResponseSubmitted, so both baselines move comparable bodies. Kept out of
/// the topology so a publish goes to one exchange, as the app's sealed message type does.
/// </summary>
[ExcludeFromTopology]
public record BareMessage
{
    public Guid Id { get; init; }
    public int Seq { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public Dictionary<string, int> Answers { get; init; } = [];
    public string? Comment { get; init; }

    public static T Make<T>(int i) where T : BareMessage, new() => new()
    {
        Id = Guid.NewGuid(), Seq = i, SentAt = DateTimeOffset.UtcNow, Comment = i % 4 == 0 ? "The officer listened and explained." : null,
        Answers = new() { ["overall"] = 4, ["respect"] = 5, ["voice"] = 4, ["fairness"] = 4, ["explanation"] = 3, ["trust"] = 4 },
    };
}

/// <summary>Own message types, hence own exchanges: the app's queues never see a baseline message.</summary>
public sealed record BarePublished : BareMessage;
public sealed record BareConsumed : BareMessage;

/// <summary>
/// Baseline (a): bare MassTransit publish with publisher confirms into a durable quorum queue that
/// nobody consumes, with the intake's concurrency. Two shapes: groups of C publishes awaited
/// together, and C closed-loop publishers (the shape of C HTTP clients).
/// </summary>
public static class BarePublish
{
    public static async Task<(double Groups, double ClosedLoop)> RunAsync(HarnessOptions o, string runId)
    {
        // The queue is bound before the first publish so every message is really stored (the broker confirms
        // an unroutable message at once); MassTransit then declares the same fanout exchange and finds it in place.
        var queue = $"bench-publish-{runId}";
        var exchange = "Surveys.Bench:BarePublished";
        await WithChannelAsync(o, async channel =>
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await channel.QueueBindAsync(queue, exchange, "");
        });
        var bus = Bus(o, null);
        await bus.StartAsync();
        try
        {
            await PublishAsync(bus, o.Warmup, o.Concurrency, BareMessage.Make<BarePublished>, o.PhaseTimeout, closedLoop: false);
            var groups = await PublishAsync(bus, o.Responses, o.Concurrency, BareMessage.Make<BarePublished>, o.PhaseTimeout, closedLoop: false);
            var loop = await PublishAsync(bus, o.Responses, o.Concurrency, BareMessage.Make<BarePublished>, o.PhaseTimeout, closedLoop: true);
            return (o.Responses / groups, o.Responses / loop);
        }
        finally
        {
            await bus.StopAsync();
            // 40k unread messages would otherwise sit in the broker's memory for the rest of the run.
            await WithChannelAsync(o, channel => channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false));
        }
    }

    /// <summary>Publishes count messages with the given concurrency; returns the seconds taken. Never cancels a publish.</summary>
    public static async Task<double> PublishAsync<T>(IBus bus, int count, int concurrency, Func<int, T> make, TimeSpan timeout, bool closedLoop)
        where T : class
    {
        var start = Stopwatch.GetTimestamp();
        if (closedLoop)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count) await bus.Publish(make(i));
            }))).WaitAsync(timeout);
        }
        else
        {
            for (var i = 0; i < count; i += concurrency)
                await Task.WhenAll(Enumerable.Range(i, Math.Min(concurrency, count - i)).Select(j => bus.Publish(make(j)))).WaitAsync(timeout);
        }
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>A bus of its own, configured like the app's (SurveysHosting.AddSurveysBus): confirms on.</summary>
    public static IBusControl Bus(HarnessOptions o, Action<IRabbitMqBusFactoryConfigurator>? endpoints) =>
        MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(o.RabbitHost, o.RabbitPort, o.VHost, h =>
            {
                h.Username(o.RabbitUser);
                h.Password(o.RabbitPassword);
                h.PublisherConfirmation = true;
            });
            endpoints?.Invoke(cfg);
        });

    public static async Task WithChannelAsync(HarnessOptions o, Func<IChannel, Task> action)
    {
        var factory = new ConnectionFactory
        {
            HostName = o.RabbitHost, Port = o.RabbitPort, VirtualHost = o.VHost, UserName = o.RabbitUser, Password = o.RabbitPassword,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await action(channel);
    }
}
