using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Surveys.Processing.Sms;

/// <summary>
/// Where survey links and status callbacks point: Surveys:PublicBaseUrl (the agency's own domain).
/// In Embedded mode the scheduler runs inside the API, so the API's listening URL is a fair
/// default; a Server-mode worker's own address is not, so there it must be configured.
/// </summary>
public sealed class LinkBase(IOptions<SurveysOptions> options, IServer server)
{
    public string? Resolve()
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl)) return o.PublicBaseUrl.TrimEnd('/');
        if (o.Mode != SurveysMode.Embedded) return null;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault();
        return address?.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
    }
}
