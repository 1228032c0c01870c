using System.Net;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Security;

/// <summary>
/// Issue 10, item 3: X-Forwarded-* headers count only from the proxies configured in
/// Surveys:ForwardedHeaders, never from loopback by default, even with ASP.NET's own switch
/// (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, here as its configuration key) turned on.
/// </summary>
public sealed class ProxyTrustTests
{
    static Dictionary<string, string?> Settings(string? knownProxy = null)
    {
        var settings = new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true", ["Surveys:ResidentRateLimit:PermitsPerMinute"] = "3" };
        if (knownProxy is not null) settings["Surveys:ForwardedHeaders:KnownProxies:0"] = knownProxy;
        return settings;
    }

    static HttpRequestMessage Get(string url, string? forwardedFor = null, string? proto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    [Fact]
    public async Task X_Forwarded_For_from_loopback_changes_neither_the_rate_limit_partition_nor_the_audit_address()
    {
        await using var app = await LoopbackApp.StartAsync(Settings());
        using var client = app.Client(Keys.Ia);
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++) statuses.Add((await client.SendAsync(Get($"{app.Http}/s/thanks", $"198.51.100.{i}"))).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        var flag = "no-such-flag-" + Guid.NewGuid().ToString("N");
        await client.SendAsync(Get($"{app.Http}/api/v1/flags/{flag}", "203.0.113.9"));
        var audit = Assert.Single(await app.AuditAsync("flag.read"), a => a.Target == flag);
        Assert.Equal("127.0.0.1", audit.Ip);
    }

    [Fact]
    public async Task X_Forwarded_Proto_https_from_an_untrusted_peer_does_not_open_the_console_over_http()
    {
        await using var app = await LoopbackApp.StartAsync(Settings());
        using var client = app.Client();
        var response = await client.SendAsync(Get($"{app.Http}/console/sign-in", "203.0.113.9", "https"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("HTTPS required", await response.Content.ReadAsStringAsync());
        // The console itself answers over real HTTPS: the refusal above is about trust, not a broken console.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get($"{app.Https}/console/sign-in"))).StatusCode);
    }

    [Fact]
    public async Task A_configured_proxy_is_believed_for_the_client_address_and_the_scheme()
    {
        await using var app = await LoopbackApp.StartAsync(Settings(knownProxy: "127.0.0.1"));
        using var client = app.Client(Keys.Ia);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get($"{app.Http}/console/sign-in", "203.0.113.9", "https"))).StatusCode);
        var flag = "no-such-flag-" + Guid.NewGuid().ToString("N");
        await client.SendAsync(Get($"{app.Http}/api/v1/flags/{flag}", "203.0.113.9"));
        Assert.Equal("203.0.113.9", Assert.Single(await app.AuditAsync("flag.read"), a => a.Target == flag).Ip);
    }

    [Fact]
    public async Task A_malformed_proxy_address_stops_the_start_with_the_key_named()
    {
        var app = SurveysApp.Embedded(new() { ["Surveys:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" });
        await using var _ = app;
        var e = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("Surveys:ForwardedHeaders:KnownNetworks:0", e.ToString());
    }
}
