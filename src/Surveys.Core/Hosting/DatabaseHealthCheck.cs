using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Surveys.Data;

namespace Surveys.Hosting;

/// <summary>Ready when the database answers and its schema is current.</summary>
public sealed class DatabaseHealthCheck(Db db, SchemaGate gate) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!gate.IsOpen) return HealthCheckResult.Unhealthy("database schema not current yet");
        try
        {
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteScalarAsync<int>("SELECT 1");
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.GetType().Name);
        }
    }
}
