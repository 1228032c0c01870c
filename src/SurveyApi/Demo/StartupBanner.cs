using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Surveys.Api.Demo;

/// <summary>Tells whoever started the process where to go (written to the console, not the log).</summary>
public sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, IOptions<SurveysOptions> options) : IHostedService
{
    public static string? BaseUrl { get; private set; }

    public Task StartAsync(CancellationToken ct)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            BaseUrl = (addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault())?.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost");
            var o = options.Value;
            Console.WriteLine($"""

                Surveys is running ({o.Mode} mode, {o.DatabaseKind}) at {BaseUrl ?? "(no HTTP address)"}
                  API description: {BaseUrl}/openapi/v1.json
                  Readiness:       {BaseUrl}/health/ready{(o.Public.Enabled ? $"\n  Public pages:    {BaseUrl}/public" : "")}
                """);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
