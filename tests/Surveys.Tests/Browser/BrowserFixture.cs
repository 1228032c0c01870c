using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Browser;

/// <summary>
/// The API on a real Kestrel port (Embedded mode) and Debian's headless Chromium driven by
/// Playwright, no browser download. The console insists on HTTPS (Secure cookies, antiforgery), so
/// Kestrel also listens with a throwaway self-signed certificate that the browser is told to accept.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public SurveysApp App { get; } = SurveysApp.Embedded(Languages.TenLanguagesApp.AllTen()); // every language a resident may read
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    IPlaywright? _playwright;

    /// <summary>Where the tests leave screenshots for a person to look at.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "surveys-screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} not found: install it with `apt-get install -y chromium` (scripts/test.sh does).");
        // Plain HTTP for the test's own API calls (FlagScenario.Api), HTTPS for the browser.
        App.Factory.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(SelfSigned()));
        });
        App.Factory.StartServer();
        var addresses = App.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/');
        App.Factory.ClientOptions.BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        var probe = Flags.FlagScenario.Api(App);
        await Eventually.TrueAsync(async () => (await probe.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "API ready");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (own cookies) with a page that records dialogs and CSP violations.</summary>
    public async Task<(IPage Page, List<string> Problems)> PageAsync(bool bypassCsp = false, bool phone = false, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, IgnoreHTTPSErrors = true, BypassCSP = bypassCsp, // axe injects a script our CSP rightly refuses
            ViewportSize = viewport ?? (phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 900 }),
            IsMobile = phone, HasTouch = phone, DeviceScaleFactor = phone ? 2 : 1,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var problems = new List<string>();
        page.Dialog += (_, dialog) => { problems.Add($"dialog: {dialog.Message}"); _ = dialog.DismissAsync(); };
        // CSP violations ("Refused to …") and script errors; a 401/404 status line is not a problem.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) problems.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        return (page, problems);
    }

    // The console only works over HTTPS (Secure cookies, antiforgery): a throwaway certificate for 127.0.0.1.
    internal static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
