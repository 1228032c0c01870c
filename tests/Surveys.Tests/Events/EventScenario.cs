using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Surveys.Tests.Flags;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Events;

/// <summary>Helpers for the event tests: record an event, and answer its survey as a browser would (cookie and all).</summary>
public static partial class EventScenario
{
    public static async Task<(string Id, string SurveyUrl, string Token)> CreateAsync(SurveysApp app, string? hood, DateTimeOffset? startsAt = null,
        string key = Keys.Chief, string kind = "community-meeting")
    {
        var response = await FlagScenario.Api(app, key).PostAsJsonAsync("/api/v1/events", new
        {
            neighborhood = hood, kind, title = "Monthly community meeting", startsAt = (startsAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:sszzz"),
            attendance = 25,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = body.GetProperty("surveyUrl").GetString()!;
        return (body.GetProperty("id").GetString()!, url, url[(url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>A browser: its own cookie jar, no redirects followed.</summary>
    public static HttpClient BrowserClient(SurveysApp app) =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = app.Factory.ClientOptions.BaseAddress });

    /// <summary>GET the page, then POST the form from it; returns the POST's status.</summary>
    public static async Task<HttpStatusCode> AnswerAsync(HttpClient browser, string token, int overall, int? voice = null, int? trust = null, string? comment = null)
    {
        var page = await browser.GetAsync($"/e/{token}");
        if (page.StatusCode != HttpStatusCode.OK) return page.StatusCode;
        var check = Check().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["check"] = check, ["overall"] = overall.ToString() };
        if (voice is { } v) fields["voice"] = v.ToString();
        if (trust is { } t) fields["trust"] = t.ToString();
        if (comment is not null) fields["comment"] = comment;
        return (await browser.PostAsync($"/e/{token}", new FormUrlEncodedContent(fields))).StatusCode;
    }

    public static Task StoredAsync(SurveysApp app, string eventId, long count) =>
        Eventually.TrueAsync(async () => await ScalarAsync<long>(app, "SELECT COUNT(*) FROM event_responses WHERE event_id = @Id", new { Id = eventId }) == count,
            TimeSpan.FromSeconds(30), $"{count} event answers stored");

    [GeneratedRegex("name=\"check\" value=\"([0-9A-F]+)\"")]
    private static partial Regex Check();
}
