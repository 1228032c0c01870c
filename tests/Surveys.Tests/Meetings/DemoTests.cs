using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Meetings;

/// <summary>
/// `--demo` as a newcomer runs it (the built binary, its own data folder): within a minute every
/// feature has believable data — IA flags, overdue follow-ups, problems in every stage with one
/// assessed, meetings with answers, reports and the public pages.
/// </summary>
// A real process seeding 1,500 contacts: with the slow set, not the fast loop.
[RequiresServers]
public sealed class DemoTests : IDisposable
{
    readonly string _data = Directory.CreateTempSubdirectory("surveys-demo-").FullName;

    [ServerFact]
    public async Task The_demo_shows_every_feature_with_data_within_a_minute()
    {
        await using var api = await ApiProcess.StartAsync(Settings(), "--demo");
        await Eventually.TrueAsync(() => Task.FromResult(api.Output.Contains("Demo agency ready", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "demo ready");
        using var client = api.Client(File.ReadAllText(Path.Combine(_data, "demo-api-key.txt")).Trim());
        async Task<JsonElement> Get(string path)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        static int Count(JsonElement list) => (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).GetArrayLength();

        Assert.True(Count(await Get("/api/v1/flags?queue=ia")) > 0, "flags in the IA queue");
        Assert.True(Count(await Get("/api/v1/follow-ups?status=overdue")) > 0, "overdue follow-ups");
        var problems = (await Get("/api/v1/problems")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["analysis", "assessment", "response", "scanning"], problems.Select(p => p.GetProperty("stage").GetString()!).Order().ToArray());
        var assessed = problems.Single(p => p.GetProperty("stage").GetString() == "assessment").GetProperty("id").GetString();
        var assessment = (await Get($"/api/v1/problems/{assessed}")).GetProperty("assessment");
        Assert.Equal("ready", assessment.GetProperty("status").GetString());
        var events = (await Get("/api/v1/events")).GetProperty("items").EnumerateArray().ToList();
        Assert.True(events.Count >= 2, "meetings and events");
        var answered = 0L;
        foreach (var e in events) answered = Math.Max(answered, (await Get($"/api/v1/events/{e.GetProperty("id").GetString()}")).GetProperty("figures").GetProperty("responses").GetInt64());
        Assert.True(answered >= 10, "a meeting with its survey answers");
        var month = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM");
        Assert.True((await Get($"/api/v1/stats/city?month={month}")).GetProperty("responses").GetInt64() > 0, "last month's figures");
        var pdf = await client.GetAsync($"/api/v1/reports/neighborhoods/N3?month={month}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/public")).StatusCode);
    }

    Dictionary<string, string?> Settings()
    {
        var s = Keys.Settings();
        s["Surveys:DataDirectory"] = _data;
        return s;
    }

    public void Dispose() => Shell.TryDeleteDirectory(_data);
}
