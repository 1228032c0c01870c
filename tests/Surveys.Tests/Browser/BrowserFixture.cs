using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Browser;

/// <summary>
/// The API on a real Kestrel port (Embedded mode) and Debian's headless Chromium driven by
/// Playwright, no browser download. The console's cookies are Secure: Chromium accepts them over
/// plain HTTP only from localhost, which is why pages are opened as http://localhost:port.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public SurveysApp App { get; } = SurveysApp.Embedded();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    IPlaywright? _playwright;

    /// <summary>Where the tests leave screenshots for a person to look at.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "surveys-screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} not found: install it with `apt-get install -y chromium` (scripts/test.sh does).");
        App.Factory.UseKestrel(0);
        App.Factory.StartServer();
        var address = App.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new UriBuilder(address) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
        await App.WaitReadyAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (own cookies) with a page that records dialogs and CSP violations.</summary>
    public async Task<(IPage Page, List<string> Problems)> PageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Dialog += (_, dialog) => { problems.Add($"dialog: {dialog.Message}"); _ = dialog.DismissAsync(); };
        page.Console += (_, message) => { if (message.Type is "error") problems.Add($"console: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        return (page, problems);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
