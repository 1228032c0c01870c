using Microsoft.Extensions.DependencyInjection;

namespace Surveys.Processing.Sms;

public static class SmsSenders
{
    /// <summary>Registers the configured provider as <see cref="ISmsSender"/>; fails at start-up when it is misconfigured.</summary>
    public static void AddSmsSender(this IServiceCollection services, SurveysOptions options)
    {
        var sms = options.Sms;
        if (string.Equals(sms.Provider, "Outbox", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<ISmsSender, OutboxSmsSender>();
            return;
        }
        if (!string.Equals(sms.Provider, "Twilio", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Surveys:Sms:Provider must be Outbox or Twilio (it is '{sms.Provider}').");
        var t = sms.Twilio;
        if (string.IsNullOrEmpty(t.AccountSid) || string.IsNullOrEmpty(t.AuthToken) || (string.IsNullOrEmpty(t.From) && string.IsNullOrEmpty(t.MessagingServiceSid)))
            throw new InvalidOperationException("Surveys:Sms:Provider Twilio needs Surveys:Sms:Twilio:AccountSid, :AuthToken and :From (or :MessagingServiceSid).");
        if (!Uri.TryCreate(t.BaseUrl, UriKind.Absolute, out _))
            throw new InvalidOperationException($"Surveys:Sms:Twilio:BaseUrl is not an absolute URL ('{t.BaseUrl}').");
        services.AddHttpClient(TwilioSmsSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ISmsSender, TwilioSmsSender>();
    }
}
