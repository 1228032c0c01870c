using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Surveys.Api.Users;
using Surveys.Data;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Flags;

/// <summary>
/// Arranges flags the way production does: contacts through intake, answers through the resident
/// API, flags raised by the worker. Also makes staff accounts (as `SurveyApi users add` would).
/// </summary>
public static class FlagScenario
{
    static int _sequence = Random.Shared.Next(1_000_000);
    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence)}";
    public const string Password = "correct horse battery staple";

    /// <summary>An API client that also works when the app runs on Kestrel (browser tests), where the address is the server's.</summary>
    public static HttpClient Api(SurveysApp app, string? key = null)
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = app.Factory.ClientOptions.BaseAddress });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static async Task<string> NeighborhoodAsync(SurveysApp app, string? code = null)
    {
        code ??= Unique("F");
        var response = await Api(app, Keys.Admin).PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = $"Hood {code}", lieutenant = "Lt. Muñoz" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    public static async Task OfficerAsync(SurveysApp app, string badge, string name)
    {
        var response = await Api(app, Keys.Admin).PutAsJsonAsync($"/api/v1/officers/{badge}", new { name, unit = "Patrol", active = true });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A contact with an answered survey, stored by the worker; returns the contact id.</summary>
    public static async Task<string> RespondAsync(SurveysApp app, string neighborhood, object answers, string? comment = null,
        bool complaint = false, bool followUp = false, bool share = false, string[]? officers = null, string language = "en")
    {
        var contact = await Api(app, Keys.Intake).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = Unique("CAD-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood, contactType = "call-for-service",
            officers = officers ?? ["1001"], phone = $"+1555{Interlocked.Increment(ref _sequence) % 10_000_000:D7}", language,
        });
        Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        var body = (await contact.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!;
        var token = body["surveyUrl"]![(body["surveyUrl"]!.LastIndexOf('/') + 1)..];
        var submitted = await Api(app).PostAsJsonAsync("/api/v1/responses",
            new { token, answers, comment, wantsComplaint = complaint, wantsFollowUp = followUp, shareComment = share });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var contactId = body["contactId"]!;
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(app, "SELECT COUNT(*) FROM responses WHERE contact_id = @Id", new { Id = contactId }) == 1,
            TimeSpan.FromSeconds(30), "response stored");
        return contactId;
    }

    /// <summary>The flag the worker raised for a contact's response in a queue (ia or lieutenant), or null.</summary>
    public static Task<string?> FlagIdAsync(SurveysApp app, string contactId, string queue) =>
        ScalarAsync<string?>(app, "SELECT f.id FROM flags f JOIN responses r ON r.id = f.response_id WHERE r.contact_id = @Id AND f.queue = @Queue",
            new { Id = contactId, Queue = queue });

    public static async Task<T> ScalarAsync<T>(SurveysApp app, string sql, object? args = null)
    {
        await using var connection = await app.Service<Db>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>Creates a console user with these roles; the password is <see cref="Password"/>.</summary>
    public static async Task<string> UserAsync(SurveysApp app, params string[] roles)
    {
        var username = Unique("user");
        await using var connection = await app.Service<Db>().OpenAsync();
        Assert.True(await UserStore.CreateAsync(connection, null, username, $"Test {username}", Password, roles, DateTimeOffset.UtcNow));
        return username;
    }

    public static async Task<List<(string Action, string? Target, string Outcome, string Actor)>> AuditAsync(SurveysApp app, string? target = null)
    {
        await using var connection = await app.Service<Db>().OpenAsync();
        return (await connection.QueryAsync<(string, string?, string, string)>(
            "SELECT action, target, outcome, actor FROM audit_log WHERE (@Target IS NULL OR target = @Target) ORDER BY id", new { Target = target })).ToList();
    }
}
