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
        switch (args.FirstOrDefault(a => a is "migrate" or "reencrypt-phones" or "replay-errors"))
        {
            case "migrate":
            {
                using var host = CommandHost(args, "migrate");
                var applied = await Migrator.ApplyAsync(host.Services.GetRequiredService<Db>(), host.Services.GetRequiredService<ILogger<Db>>());
                Console.WriteLine($"Database schema is current ({applied} migration(s) applied).");
                return 0;
            }
            case "reencrypt-phones":
            {
                using var host = CommandHost(args, "reencrypt-phones");
                await Operations.PhoneKeyRotation.RunAsync(host.Services.GetRequiredService<Db>(), host.Services.GetRequiredService<Security.PhoneProtector>(), Console.Out);
                return 0;
            }
            case "replay-errors":
            {
                using var host = CommandHost(args, "replay-errors");
                await Operations.ErrorQueueReplay.RunAsync(host.Services.Options().Value, Responses.SurveyResponseConsumer.QueueName, Console.Out);
                return 0;
            }
        }
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <summary>An operator command: the same configuration and services as the worker, nothing started.</summary>
    static IHost CommandHost(string[] args, string verb)
    {
        var builder = WebApplication.CreateBuilder(args.Where(a => a != verb).ToArray());
        builder.AddSurveysCore(ownsSchema: true);
        return builder.Build();
    }

    /// <summary>The worker host, also started in-process by the server-mode tests.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.AddSurveysCore(ownsSchema: true);
        builder.Services.AddSurveysBus(options, bus => bus.AddSurveyConsumers());
        // The backlog gauge (surveys.queue.depth) reads the RabbitMQ queue: Server mode only.
        if (options.Mode == SurveysMode.Server) builder.Services.AddHostedService<Operations.QueueDepthProbe>();
        builder.Services.AddSmsDispatch(options);
        builder.Services.AddMonthlyReports(builder.Configuration);
        var app = builder.Build();
        app.MapSurveysHealth();
        return app;
    }
}
