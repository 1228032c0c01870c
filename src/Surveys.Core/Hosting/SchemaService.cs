using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Surveys.Data;

namespace Surveys.Hosting;

/// <summary>
/// The schema owner applies migrations (the worker in Server mode, the single process in
/// Embedded mode); other processes only wait until the schema is current. Either way this
/// retries with backoff while the database is unreachable instead of crashing at start-up.
/// </summary>
public sealed class SchemaService(Db db, SchemaGate gate, bool applyMigrations, ILogger<SchemaService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (applyMigrations) await Migrator.ApplyAsync(db, logger, stoppingToken);
                await using var connection = await db.OpenAsync(stoppingToken);
                if (await Migrator.IsCurrentAsync(connection, db.Kind))
                {
                    gate.Open();
                    logger.LogInformation("Database schema is current");
                    return;
                }
                logger.LogInformation("Waiting for the worker to migrate the database schema");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Database not available yet ({Error}); retrying in {Delay}", e.Message, delay);
            }
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }
}
