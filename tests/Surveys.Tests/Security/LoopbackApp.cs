using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Surveys.Data;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Security;

/// <summary>
/// The API on real Kestrel sockets on 127.0.0.1 (HTTP and HTTPS with a throwaway certificate): the
/// peer address, the Host header and the scheme are what a client on the same host really sends,
/// which the in-memory test server cannot show.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    LoopbackApp(SurveysApp app, string http, string https) => (App, Http, Https) = (app, http, https);

    public SurveysApp App { get; }
    public string Http { get; }
    public string Https { get; }

    public static async Task<LoopbackApp> StartAsync(Dictionary<string, string?>? overrides = null)
    {
        var app = SurveysApp.Embedded(overrides);
        app.Factory.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Browser.BrowserFixture.SelfSigned()));
        });
        app.Factory.StartServer();
        var addresses = app.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var loopback = new LoopbackApp(app, addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/'),
            addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/'));
        app.Factory.ClientOptions.BaseAddress = new Uri(loopback.Http); // FlagScenario's API helpers
        using var probe = loopback.Client();
        await Eventually.TrueAsync(async () => (await probe.GetAsync(loopback.Http + "/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "API ready");
        return loopback;
    }

    /// <summary>A client that sends what it is told (any Host header, any certificate accepted, no redirects followed).</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async Task<List<(string Action, string? Target, string? Ip)>> AuditAsync(string action)
    {
        await using var connection = await App.Service<Db>().OpenAsync();
        return (await connection.QueryAsync<(string, string?, string?)>("SELECT action, target, ip FROM audit_log WHERE action = @Action ORDER BY id", new { Action = action })).ToList();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
