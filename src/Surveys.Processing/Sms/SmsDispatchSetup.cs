using Surveys.Sms;

namespace Surveys.Processing.Sms;

public static class SmsDispatchSetup
{
    /// <summary>
    /// The SMS scheduler and its provider. Registered by SurveyWorker, and by the API in Embedded
    /// mode only (the one process that hosts the worker's pieces), so exactly one runs per process.
    /// </summary>
    public static void AddSmsDispatch(this IServiceCollection services, SurveysOptions options)
    {
        services.AddSmsSender(options);
        services.AddSingleton<LinkBase>();
        services.AddSingleton<FollowUps.FollowUpTexts>();
        services.AddSingleton<SmsDispatcher>();
        services.AddHostedService<SmsDispatchService>();
    }
}
