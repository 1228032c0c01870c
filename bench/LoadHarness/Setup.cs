using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;

namespace Surveys.Bench;

/// <summary>
/// Set-up over the public API (not measured): neighborhoods, a roster, and one invited contact per
/// response to come, each with its own phone so that none is suppressed. Returns the survey tokens.
/// </summary>
public static class Setup
{
    public const int Neighborhoods = 6, Officers = 60;
    static readonly string[] ContactTypes = ["call-for-service", "traffic-stop", "report-taken"];

    public static async Task<string[]> CreateTokensAsync(HttpClient http, HarnessOptions o, int count, DateTimeOffset occurredAt, string runId)
    {
        for (var n = 1; n <= Neighborhoods; n++)
            await SendAsync(http, HttpMethod.Put, $"/api/v1/neighborhoods/N{n}", new { name = $"Neighborhood {n}", lieutenant = $"Lt. {n}" });
        for (var b = 0; b < Officers; b++)
            await SendAsync(http, HttpMethod.Put, $"/api/v1/officers/B{b:D3}", new { name = $"Officer {b}", unit = $"Unit {b % 4}", active = true });

        var area = Random.Shared.Next(200, 1000); // a fresh number range per run, so reruns on one database are not suppressed
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = o.SetupConcurrency }, async (i, _) =>
        {
            var badges = new[] { $"B{i % Officers:D3}", $"B{(i * 7 + 3) % Officers:D3}" }.Distinct().Order(StringComparer.Ordinal).ToArray();
            var body = new
            {
                externalId = $"bench-{runId}-{i:D6}", occurredAt, neighborhood = $"N{i % Neighborhoods + 1}",
                contactType = ContactTypes[i % ContactTypes.Length], officers = badges, phone = $"+1{area}{i:D7}", language = "en",
            };
            using var response = await SendAsync(http, HttpMethod.Post, "/api/v1/contacts", body);
            var result = await response.Content.ReadFromJsonAsync<ContactResult>()
                ?? throw new InvalidOperationException("empty contact response");
            if (result.Status != "invited" || result.SurveyUrl is null)
                throw new InvalidOperationException($"contact {i} was '{result.Status}', not invited");
            tokens[i] = result.SurveyUrl[(result.SurveyUrl.LastIndexOf("/s/", StringComparison.Ordinal) + 3)..];
        });
        return tokens;
    }

    /// <summary>Sets the server-wide default of synchronous_commit (superuser; new and idle sessions follow on reload).</summary>
    public static async Task SynchronousCommitAsync(HarnessOptions o, bool on)
    {
        await using var c = new NpgsqlConnection(o.Pg);
        await c.OpenAsync();
        await c.ExecuteAsync($"ALTER SYSTEM SET synchronous_commit = {(on ? "on" : "off")}");
        await c.ExecuteAsync("SELECT pg_reload_conf()");
    }

    sealed record ContactResult(string ContactId, string Status, string? SurveyUrl);

    // A few retries for a transient 5xx (e.g. a lock timeout under concurrent set-up); anything else is a harness bug.
    static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
            if (response.IsSuccessStatusCode) return response;
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            if (attempt >= 3 || (int)response.StatusCode < 500)
                throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
            await Task.Delay(200 * attempt);
        }
    }

    public static HttpClient Client(HarnessOptions o, int connections, bool withKey) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = o.Api,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { { "X-Api-Key", withKey ? o.Key : null } },
    };
}
