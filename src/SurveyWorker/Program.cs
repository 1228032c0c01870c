using Surveys.Data;
using Surveys.Hosting;
using Surveys.Processing;

namespace Surveys.Worker;

/// <summary>
/// SurveyWorker, a thin host over Surveys.Processing (Server mode). `migrate` applies pending
/// database migrations and exits; `replay-errors` moves the error queue back once a fault is fixed;
/// `reencrypt-phones` finishes a phone-encryption key rotation; `reports` writes a month's PDFs;
/// otherwise it migrates on start-up, then consumes until stopped.
/// It serves /health/live and /health/ready for orchestrators.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["reports", ..]) return await ReportsCommand.RunAsync(args[1..], rest => CommandHost(rest, "reports"));
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
                await Processing.Operations.PhoneKeyRotation.RunAsync(host.Services.GetRequiredService<Db>(), host.Services.GetRequiredService<Security.PhoneProtector>(), Console.Out);
                return 0;
            }
            case "replay-errors":
            {
                using var host = CommandHost(args, "replay-errors");
                await Processing.Operations.ErrorQueueReplay.RunAsync(host.Services.Options().Value, Processing.Responses.SurveyResponseConsumer.QueueName, Console.Out);
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
        builder.Services.AddSurveyProcessing(options, builder.Configuration);
        var app = builder.Build();
        app.MapSurveysHealth();
        return app;
    }
}
