namespace Surveys.Api.Sms;

public static class SmsApiSetup
{
    /// <summary>The provider callbacks' handlers and the reply-by-text survey (in every mode: the API receives the texts).</summary>
    public static void AddSmsReplies(this IServiceCollection services)
    {
        services.AddSingleton<InboundMessages>();
        services.AddSingleton<ReplySurvey>();
        services.AddSingleton<DeliveryStatus>();
        services.AddSingleton<ReplySweeper>();
        services.AddHostedService(s => s.GetRequiredService<ReplySweeper>());
    }
}
