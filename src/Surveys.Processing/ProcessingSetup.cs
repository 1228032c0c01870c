using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Surveys.Hosting;
using Surveys.Processing.Reports;
using Surveys.Processing.Responses;
using Surveys.Processing.Sms;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Processing;

/// <summary>
/// Everything that happens after the API queued an answer: the response consumer (storage,
/// aggregates, flags), SMS dispatch and the monthly report job. SurveyWorker hosts it in Server
/// mode; the API hosts it in Embedded mode. Exactly one host per process registers it.
/// </summary>
public static class ProcessingSetup
{
    public static IServiceCollection AddSurveyProcessing(this IServiceCollection services, SurveysOptions options, IConfiguration configuration)
    {
        // The worker knows only the SMS texts: override keys it does not know are the API's, which checks them.
        services.TryAddSingleton(TextCatalog.FromOptions(options, [SmsText.Strings], strict: false));
        services.AddSurveysBus(options, bus => bus.AddSurveyConsumers());
        // Embedded mode has no broker: answers wait in the database (queued_responses) and this drains them.
        if (options.Mode == SurveysMode.Embedded)
            services.AddSingleton<LocalResponseQueue>().AddHostedService(s => s.GetRequiredService<LocalResponseQueue>());
        // The backlog gauge (surveys.queue.depth) reads the RabbitMQ queue: Server mode only.
        else services.AddHostedService<Operations.QueueDepthProbe>();
        services.AddSmsDispatch(options);
        services.AddMonthlyReports(configuration);
        return services;
    }

    public static void AddSurveyConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SurveyResponseConsumer, SurveyResponseConsumerDefinition>();
    }
}
