using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Surveys.Hosting;

/// <summary>
/// Server mode: ready only while the broker accepts connections. MassTransit's own bus check
/// judges receive endpoints, and the API has none, so it stays "Ready" through an outage.
/// </summary>
public sealed class BrokerHealthCheck(SurveysOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var r = options.RabbitMq;
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(r.Host, r.Port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"broker {r.Host}:{r.Port} unreachable");
        }
    }
}
