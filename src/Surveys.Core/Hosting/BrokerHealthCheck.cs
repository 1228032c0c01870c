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
        var nodes = r.ClusterNodes.Count > 0 ? r.ClusterNodes : [$"{r.Host}:{r.Port}"];
        foreach (var node in nodes)
            if (await ReachableAsync(node, ct)) return HealthCheckResult.Healthy();
        return HealthCheckResult.Unhealthy($"no broker reachable ({string.Join(", ", nodes)})");
    }

    static async Task<bool> ReachableAsync(string node, CancellationToken ct)
    {
        var colon = node.LastIndexOf(':');
        var (host, port) = colon > 0 ? (node[..colon], int.Parse(node[(colon + 1)..])) : (node, 5672);
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
