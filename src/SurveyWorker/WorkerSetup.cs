using MassTransit;
using Surveys.Worker.Responses;

namespace Surveys.Worker;

/// <summary>The worker's consumers: hosted by SurveyWorker in Server mode, inside the API in Embedded mode.</summary>
public static class WorkerSetup
{
    public static void AddSurveyConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SurveyResponseConsumer, SurveyResponseConsumerDefinition>();
    }
}
