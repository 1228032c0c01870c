using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Surveys.Api.Hosting;

/// <summary>
/// X-Forwarded-For/-Proto are believed only from the proxies named in
/// Surveys:ForwardedHeaders:KnownProxies:N (addresses) and :KnownNetworks:N (CIDR). None by default,
/// loopback included: a request from 127.0.0.1 may be anyone on the host. ASP.NET's own switch,
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, would trust every peer; the same options below bind
/// its middleware too, so it cannot widen the trust.
/// </summary>
public static class ProxyTrust
{
    public const string Section = "Surveys:ForwardedHeaders";

    public static void AddProxyTrust(this WebApplicationBuilder builder)
    {
        var proxies = Entries(builder.Configuration, "KnownProxies")
            .Select(e => IPAddress.TryParse(e.Value, out var a) ? a : throw Invalid(e.Path, e.Value, "an IP address")).ToList();
        var networks = Entries(builder.Configuration, "KnownNetworks")
            .Select(e => System.Net.IPNetwork.TryParse(e.Value, out var n) ? n : throw Invalid(e.Path, e.Value, "a network in CIDR form, e.g. 10.0.0.0/8")).ToList();
        // PostConfigure runs after ASP.NET's own setup for that switch (which clears the lists, i.e. trusts everyone).
        builder.Services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list too: ASP.NET's loopback default must not survive in either
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(n => o.KnownIPNetworks.Add(n));
            // Empty lists mean "trust everyone" to the middleware, so no proxy means no forwarded headers at all.
            o.ForwardedHeaders = proxies.Count + networks.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Each hop must itself be trusted, so a chain of named proxies may be walked to its end.
            o.ForwardLimit = null;
        });
    }

    /// <summary>First in the pipeline (unless ASP.NET's switch already put the same middleware there).</summary>
    public static void UseProxyTrust(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("ForwardedHeaders_Enabled")) app.UseForwardedHeaders();
    }

    static IEnumerable<(string Path, string Value)> Entries(IConfiguration configuration, string key) =>
        configuration.GetSection($"{Section}:{key}").GetChildren().Select(c => (c.Path, (c.Value ?? "").Trim()));

    static InvalidOperationException Invalid(string path, string value, string expected) => new($"{path} ('{value}') is not {expected}.");
}
