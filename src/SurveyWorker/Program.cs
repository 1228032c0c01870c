using Surveys.Data;
using Surveys.Hosting;
using Surveys.Reporting.Jobs;
using Surveys.Worker.Sms;

namespace Surveys.Worker;

/// <summary>
/// SurveyWorker: consumes queued responses (Server mode). `migrate` applies pending database
/// migrations and exits; `replay-errors` moves the error queue back once a fault is fixed;
/// `reencrypt-phones` finishes a phone-encryption key rotation;
/// otherwise it migrates on start-up, then consumes until stopped.
/// It serves /health/live and /health/ready for orchestrators.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("migrate"))
        {
            var builder = WebApplication.CreateBuilder(args.Where(a => a != "migrate").ToArray());
            builder.AddSurveysCore(ownsSchema: true);
            using var host = builder.Build();
            var applied = await Migrator.ApplyAsync(host.Services.GetRequiredService<Db>(), host.Services.GetRequiredService<ILogger<Db>>());
            Console.WriteLine($"Database schema is current ({applied} migration(s) applied).");
            return 0;
        }
        if (args.Contains("reencrypt-phones"))
        {
            var builder = WebApplication.CreateBuilder(args.Where(a => a != "reencrypt-phones").ToArray());
            builder.AddSurveysCore(ownsSchema: true);
            using var host = builder.Build();
            await Operations.PhoneKeyRotation.RunAsync(host.Services.GetRequiredService<Db>(), host.Services.GetRequiredService<Security.PhoneProtector>(), Console.Out);
            return 0;
        }
        if (args.Contains("replay-errors"))
        {
            var builder = WebApplication.CreateBuilder(args.Where(a => a != "replay-errors").ToArray());
            var options = builder.Configuration.GetSection(SurveysOptions.Section).Get<SurveysOptions>() ?? new SurveysOptions();
            await Operations.ErrorQueueReplay.RunAsync(options, Responses.SurveyResponseConsumer.QueueName, Console.Out);
            return 0;
        }
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The worker host, also started in-process by the server-mode tests.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.AddSurveysCore(ownsSchema: true);
        builder.Services.AddSurveysBus(options, bus => bus.AddSurveyConsumers());
        builder.Services.AddSmsDispatch(options);
        builder.Services.AddMonthlyReports(builder.Configuration);
        var app = builder.Build();
        app.MapSurveysHealth();
        return app;
    }
}
