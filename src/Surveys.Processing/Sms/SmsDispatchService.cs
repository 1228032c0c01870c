using Microsoft.Extensions.Options;
using Surveys.Hosting;

namespace Surveys.Processing.Sms;

/// <summary>Runs the dispatcher every Surveys:Sms:PollInterval once the schema is current.</summary>
public sealed class SmsDispatchService(SmsDispatcher dispatcher, SchemaGate schema, TimeProvider time, IOptions<SurveysOptions> options,
    ILogger<SmsDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitAsync(stoppingToken);
        logger.LogInformation("SMS scheduler {Worker} started ({Provider})", dispatcher.WorkerId, options.Value.Sms.Provider);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await dispatcher.RunOnceAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The database may be restarting: the next tick tries again, nothing was half-sent.
                logger.LogWarning("SMS scheduler tick failed: {Error}", e.GetType().Name + ": " + e.Message);
            }
            try { await Task.Delay(options.Value.Sms.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
