using System.Net;
using System.Net.Http.Json;
using MassTransit.UsageTracking;
using Microsoft.Extensions.DependencyInjection;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Security;

/// <summary>
/// Issue 10, items 4, 9 and 10: links never start with the Host header, nothing phones home, and
/// the small leaks (Server header, cacheable survey pages, echoed ?m= text, unbounded audit target).
/// </summary>
public sealed class PublicLinkTests
{
    static HttpRequestMessage Evil(HttpMethod method, string url, object? json = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Host = "evil.example";
        return request;
    }

    [Fact]
    public async Task Host_evil_example_never_appears_in_a_survey_link_the_openapi_servers_or_a_redirect()
    {
        await using var app = await LoopbackApp.StartAsync();
        var code = await NeighborhoodAsync(app.App);
        using var client = app.Client(Keys.Intake);
        var contact = await client.SendAsync(Evil(HttpMethod.Post, $"{app.Http}/api/v1/contacts", new
        {
            externalId = Unique("CAD-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-1), neighborhood = code, contactType = "call-for-service",
            officers = new[] { "1001" }, phone = "+18605550142",
        }));
        Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        var surveyUrl = (await contact.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["surveyUrl"]!;
        Assert.StartsWith(app.Https + "/s/", surveyUrl); // the listening URL (HTTPS preferred), not the Host header

        var openApi = await (await client.SendAsync(Evil(HttpMethod.Get, $"{app.Http}/openapi/v1.json"))).Content.ReadAsStringAsync();
        Assert.Contains("\"servers\"", openApi);
        Assert.DoesNotContain("evil.example", openApi);

        var redirect = await client.SendAsync(Evil(HttpMethod.Get, $"{app.Https}/console/flags"));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/console/sign-in?ReturnUrl=%2Fconsole%2Fflags", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task With_PublicBaseUrl_set_every_survey_link_starts_with_it_whatever_the_host()
    {
        await using var app = await LoopbackApp.StartAsync(new() { ["Surveys:PublicBaseUrl"] = "https://survey.example.gov/" });
        var code = await NeighborhoodAsync(app.App);
        using var client = app.Client(Keys.Intake);
        var contact = await client.SendAsync(Evil(HttpMethod.Post, $"{app.Http}/api/v1/contacts", new
        {
            externalId = Unique("CAD-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-1), neighborhood = code, contactType = "call-for-service",
            officers = new[] { "1001" }, phone = "+18605550143",
        }));
        Assert.StartsWith("https://survey.example.gov/s/", (await contact.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["surveyUrl"]);
        Assert.Contains("\"url\": \"https://survey.example.gov\"", await client.GetStringAsync($"{app.Http}/openapi/v1.json"));
    }

    [Fact]
    public async Task Survey_pages_are_never_cached_and_no_response_names_the_server_software()
    {
        await using var app = await LoopbackApp.StartAsync();
        using var client = app.Client();
        foreach (var path in new[] { "/s/thanks", "/s/not-a-real-token" })
        {
            var response = await client.GetAsync(app.Http + path);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Empty(response.Headers.Server);
        }
        Assert.Empty((await client.GetAsync(app.Https + "/console/sign-in")).Headers.Server);
    }

    [Fact]
    public async Task MassTransit_usage_telemetry_is_off()
    {
        await using var app = SurveysApp.Embedded();
        await app.WaitReadyAsync();
        var tracker = Assert.IsType<UsageTracker>(app.Service<IUsageTracker>());
        Assert.False(tracker.Enabled);
    }

    [Fact]
    public async Task The_roster_page_shows_only_known_message_codes_and_an_audit_target_is_bounded()
    {
        await using var app = SurveysApp.Embedded();
        await app.WaitReadyAsync();
        var admin = await StaffConsole.ConsoleSession.SignInAsync(app, await UserAsync(app, "admin"));
        var page = await admin.PageAsync("/console/admin/roster?m=" + Uri.EscapeDataString("Your session expired: call 860-555-0100 now"));
        Assert.DoesNotContain("860-555-0100", page);
        Assert.Contains("at most 2 MiB", await admin.PageAsync("/console/admin/roster?m=file-required"));

        var target = new string('x', 7_900);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(Keys.Ia).GetAsync($"/api/v1/flags/{target}")).StatusCode);
        var stored = await ScalarAsync<long>(app, "SELECT MAX(LENGTH(target)) FROM audit_log WHERE action = 'flag.read'");
        Assert.InRange(stored, 1, Surveys.Api.Audit.AuditLog.MaxTarget);
    }
}
