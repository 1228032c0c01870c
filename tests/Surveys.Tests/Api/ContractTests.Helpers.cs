using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

/// <summary>
/// The contract (api-contract.md) checked over HTTP. Written once, run in both modes by the
/// derived classes: Embedded (SQLite, in-memory bus) and Server (PostgreSQL, RabbitMQ).
/// Every test makes its own contacts (unique ids and phones), so tests share one app safely.
/// </summary>
public abstract partial class ContractTests
{
    protected abstract Task<SurveysApp> AppAsync();

    static int _sequence = Random.Shared.Next(1_000_000);
    protected static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence)}";
    protected static string UniquePhone() => $"+1555{Interlocked.Increment(ref _sequence) % 10_000_000:D7}";

    protected async Task<HttpClient> ClientAsync(string? key) => (await AppAsync()).Client(key);

    protected async Task<string> NeighborhoodAsync(string? code = null)
    {
        code ??= Unique("T");
        var response = await (await ClientAsync(Keys.Admin)).PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = $"Test {code}", lieutenant = "Lt. Muñoz" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    protected record Contact(string ContactId, string Status, string? SurveyUrl)
    {
        public string Token => SurveyUrl is { } url ? url[(url.LastIndexOf('/') + 1)..] : throw new InvalidOperationException("not invited");
    }

    protected async Task<Contact> ContactAsync(string neighborhood, string type = "call-for-service", string[]? officers = null,
        string? phone = null, DateTimeOffset? occurredAt = null, string language = "en")
    {
        var response = await (await ClientAsync(Keys.Intake)).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = Unique("EH-"), occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddHours(-3), neighborhood, contactType = type,
            officers = officers ?? ["1001"], phone = phone ?? UniquePhone(), language,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Contact>())!;
    }

    protected async Task<HttpResponseMessage> SubmitAsync(string token, object answers, string? comment = null) =>
        await (await ClientAsync(null)).PostAsJsonAsync("/api/v1/responses", new { token, answers, comment });

    protected async Task<JsonElement> StatsAsync(string path, string key = Keys.Chief)
    {
        var response = await (await ClientAsync(key)).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Figures converge within seconds of a 202: wait until the count shows up.</summary>
    protected async Task<JsonElement> StatsWhenAsync(string path, long responses)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(async () => (last = await StatsAsync(path)).GetProperty("responses").GetInt64() >= responses,
            TimeSpan.FromSeconds(30), $"{responses} responses in {path}");
        return last;
    }

    protected static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.Contains($"\"{field}\"", body);
    }
}
