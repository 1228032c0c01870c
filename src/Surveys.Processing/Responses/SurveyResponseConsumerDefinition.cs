using MassTransit;
using Microsoft.Extensions.Options;

namespace Surveys.Processing.Responses;

public sealed class SurveyResponseConsumerDefinition : ConsumerDefinition<SurveyResponseConsumer>
{
    readonly WorkerOptions _options;

    public SurveyResponseConsumerDefinition(IOptions<SurveysOptions> options)
    {
        _options = options.Value.Worker;
        EndpointName = SurveyResponseConsumer.QueueName;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<SurveyResponseConsumer> consumer, IRegistrationContext context)
    {
        // Enough prefetch that batches fill up before the time limit instead of waiting on it.
        endpoint.PrefetchCount = _options.BatchSize * _options.ConcurrentBatches * 2;
        // Transient database errors (restart, deadlock, lock timeout) retry with backoff; after the
        // last try MassTransit moves the messages to survey-responses_error: never dropped.
        endpoint.UseMessageRetry(r => r.Exponential(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
        consumer.Options<BatchOptions>(b =>
        {
            b.MessageLimit = _options.BatchSize;
            b.TimeLimit = _options.BatchTimeLimit;
            b.ConcurrencyLimit = _options.ConcurrentBatches;
        });
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
    }
}
