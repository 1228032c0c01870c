using System.Net;
using System.Net.Http.Json;
using Dapper;
using Surveys.Data;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Sms;

namespace Surveys.Tests.FollowUps;

/// <summary>Follow-up requests made through intake and the resident API on an <see cref="SmsApp"/>'s controlled clock.</summary>
public static class FollowUpClock
{
    public static async Task<string> NeighborhoodAsync(SmsApp app, string lieutenant = "Lt. Muñoz")
    {
        var code = SmsApp.Unique("U");
        var response = await app.Client(Keys.Admin).PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = $"Hood {code}", lieutenant });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    /// <summary>
    /// A contact from five days ago (too old for an invitation, so only follow-up texts reach the
    /// phone) answered now with wantsFollowUp; returns the follow-up id once the worker opened it.
    /// </summary>
    public static async Task<string> RequestAsync(SmsApp app, string hood, string phone, string language = "en")
    {
        var contact = await app.ContactAsync(hood, app.Clock.Now.AddDays(-5), phone, language);
        var token = contact.SurveyUrl![(contact.SurveyUrl!.LastIndexOf('/') + 1)..];
        var submitted = await app.Client().PostAsJsonAsync("/api/v1/responses", new { token, answers = new { overall = 3 }, wantsFollowUp = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string? id = null;
        await Eventually.TrueAsync(async () => (id = await ScalarAsync<string?>(app, "SELECT id FROM follow_ups WHERE contact_id = @Id", new { Id = contact.ContactId })) is not null,
            TimeSpan.FromSeconds(30), "follow-up opened");
        return id!;
    }

    public static async Task StatusAsync(SmsApp app, string id, string status, string? outcome = null)
    {
        var response = await app.Client(Keys.Admin).PostAsJsonAsync($"/api/v1/follow-ups/{id}/status", new { status, outcome });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<T> ScalarAsync<T>(SmsApp app, string sql, object? args = null)
    {
        await using var connection = await app.Service<Db>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }
}
