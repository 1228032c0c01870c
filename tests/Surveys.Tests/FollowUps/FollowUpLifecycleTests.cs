using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Processing.Sms;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Flags;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.FollowUps;

/// <summary>The follow-up contract over HTTP, run in both modes (subclasses below).</summary>
public abstract class FollowUpLifecycleTests
{
    protected abstract Task<SurveysApp> AppAsync();

    /// <summary>A follow-up request in N1 (the test key's lieutenant) or another neighborhood; returns (contact, follow-up id).</summary>
    protected static async Task<(string Contact, string Id)> RequestAsync(SurveysApp app, string hood, string? comment = "Please call me about the noise.")
    {
        var contact = await RespondAsync(app, hood, new { overall = 3, respect = 4 }, comment, followUp: true);
        var id = await ScalarAsync<string?>(app, "SELECT id FROM follow_ups WHERE contact_id = @Id", new { Id = contact });
        Assert.NotNull(id);
        return (contact, id!);
    }

    static Task<HttpResponseMessage> Status(SurveysApp app, string key, string id, object body) =>
        FlagScenario.Api(app, key).PostAsJsonAsync($"/api/v1/follow-ups/{id}/status", body);

    [ServerFact]
    public async Task Request_goes_open_to_contacted_to_closed_and_invalid_moves_are_409()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var (_, id) = await RequestAsync(app, "N1");
        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        var item = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/{id}");
        Assert.Equal("open", item.GetProperty("status").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.Equal("Please call me about the noise.", item.GetProperty("comment").GetString());
        Assert.Equal(4, item.GetProperty("answers").GetProperty("respect").GetInt32());
        Assert.False(item.TryGetProperty("phone", out _));
        var stored = DateTimeOffset.FromUnixTimeMilliseconds(await ScalarAsync<long>(app, "SELECT r.stored_at FROM responses r JOIN follow_ups f ON f.response_id = r.id WHERE f.id = @Id", new { Id = id }));
        // Three days on the agency's wall clock (DueTests covers the daylight-saving days).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var (from, due) = (TimeZoneInfo.ConvertTime(stored, zone), TimeZoneInfo.ConvertTime(item.GetProperty("dueAt").GetDateTimeOffset(), zone));
        Assert.Equal(from.DateTime.AddDays(3), due.DateTime);

        Assert.Equal(HttpStatusCode.BadRequest, (await Status(app, Keys.LieutenantN1, id, new { status = "closed" })).StatusCode); // outcome missing
        Assert.Equal(HttpStatusCode.BadRequest, (await Status(app, Keys.LieutenantN1, id, new { status = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Status(app, Keys.LieutenantN1, id, new { status = "contacted", note = "Called, we talked." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Status(app, Keys.LieutenantN1, id, new { status = "contacted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Status(app, Keys.LieutenantN1, id, new { status = "closed", outcome = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Status(app, Keys.LieutenantN1, id, new { status = "closed", outcome = "declined" })).StatusCode);

        var closed = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/{id}");
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("resolved", closed.GetProperty("outcome").GetString());
        Assert.Equal(["open>contacted", "contacted>closed"], closed.GetProperty("history").EnumerateArray()
            .Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}"));
        var audit = await AuditAsync(app, id);
        Assert.Contains(audit, a => a is { Action: "follow-up.status", Outcome: "rejected" });
        Assert.Equal(2, audit.Count(a => a is { Action: "follow-up.status", Outcome: "success" }));
    }

    [ServerTheory]
    [InlineData("resolved", true)]
    [InlineData("referred", true)]
    [InlineData("unreachable", false)]
    [InlineData("declined", false)]
    public async Task Open_request_closes_directly_with_each_outcome_and_only_a_reached_resident_counts_as_contacted(string outcome, bool contacted)
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var (_, id) = await RequestAsync(app, "N1");
        var response = await Status(app, Keys.Chief, id, new { status = "closed", outcome, note = "Done." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/{id}");
        Assert.Equal(outcome, item.GetProperty("outcome").GetString());
        Assert.Equal(contacted, item.GetProperty("contactedAt").ValueKind != JsonValueKind.Null);
        var page = await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>("/api/v1/follow-ups?neighborhood=N1&status=closed&limit=1000");
        Assert.Contains(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    [ServerFact]
    public async Task Lieutenant_of_another_neighborhood_gets_403_on_every_endpoint_also_by_changing_ids()
    {
        var app = await AppAsync();
        var other = await NeighborhoodAsync(app);
        var (_, id) = await RequestAsync(app, other);
        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync($"/api/v1/follow-ups/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.PostAsync($"/api/v1/follow-ups/{id}/phone", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.PostAsJsonAsync($"/api/v1/follow-ups/{id}/notes", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Status(app, Keys.LieutenantN1, id, new { status = "contacted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync($"/api/v1/follow-ups?neighborhood={other}")).StatusCode);
        var own = await lt.GetFromJsonAsync<JsonElement>("/api/v1/follow-ups?limit=1000");
        Assert.DoesNotContain(own.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await FlagScenario.Api(app, Keys.Ia).GetAsync($"/api/v1/follow-ups/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lt.GetAsync($"/api/v1/follow-ups/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal("open", await ScalarAsync<string>(app, "SELECT status FROM follow_ups WHERE id = @Id", new { Id = id }));
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_up_notes WHERE follow_up_id = @Id", new { Id = id }));
        Assert.Equal(4, (await AuditAsync(app, id)).Count(a => a.Outcome == "denied"));
    }

    [ServerFact]
    public async Task Phone_is_revealed_audited_to_the_lieutenant_and_admin_only_and_is_gone_after_closure_and_after_retention()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var (contact, id) = await RequestAsync(app, "N1");
        var phone = (await (await FlagScenario.Api(app, Keys.LieutenantN1).PostAsync($"/api/v1/follow-ups/{id}/phone", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("phone").GetString();
        Assert.Matches(@"^\+1555\d{7}$", phone);
        Assert.Equal(HttpStatusCode.OK, (await FlagScenario.Api(app, Keys.Admin).PostAsync($"/api/v1/follow-ups/{id}/phone", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FlagScenario.Api(app, Keys.Chief).PostAsync($"/api/v1/follow-ups/{id}/phone", null)).StatusCode);
        Assert.Equal(2, (await AuditAsync(app, id)).Count(a => a is { Action: "follow-up.phone", Outcome: "success" }));

        // Retention: the number is erased by the SMS upkeep once its survey has long expired.
        var (contact2, id2) = await RequestAsync(app, "N1");
        await ScalarAsync<long>(app, "UPDATE contacts SET expires_at = @Past WHERE id = @Id RETURNING 1",
            new { Id = contact2, Past = DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeMilliseconds() });
        await SmsMaintenance.RunAsync(app.Service<Db>(), DateTimeOffset.UtcNow, app.Service<IOptions<SurveysOptions>>().Value, default);
        Assert.Equal(HttpStatusCode.Gone, (await FlagScenario.Api(app, Keys.LieutenantN1).PostAsync($"/api/v1/follow-ups/{id2}/phone", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Status(app, Keys.LieutenantN1, id, new { status = "closed", outcome = "unreachable" })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await FlagScenario.Api(app, Keys.LieutenantN1).PostAsync($"/api/v1/follow-ups/{id}/phone", null)).StatusCode);
        Assert.Contains(await AuditAsync(app, id), a => a is { Action: "follow-up.phone", Outcome: "rejected" });
        Assert.NotNull(contact);
    }

    [ServerFact]
    public async Task Notes_are_added_with_201_and_a_response_that_raised_an_IA_flag_opens_no_request()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var (_, id) = await RequestAsync(app, "N1");
        var note = await FlagScenario.Api(app, Keys.LieutenantN1).PostAsJsonAsync($"/api/v1/follow-ups/{id}/notes", new { text = "Left a voicemail." });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var item = await FlagScenario.Api(app, Keys.LieutenantN1).GetFromJsonAsync<JsonElement>($"/api/v1/follow-ups/{id}");
        Assert.Equal("Left a voicemail.", Assert.Single(item.GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());
        Assert.Contains(await AuditAsync(app, id), a => a is { Action: "follow-up.read", Outcome: "success" });

        var ia = await RespondAsync(app, "N1", new { overall = 1 }, "The officer hit me.", complaint: true, followUp: true);
        Assert.NotNull(await FlagIdAsync(app, ia, "ia"));
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_ups WHERE contact_id = @Id", new { Id = ia }));
        Assert.Null(await FlagIdAsync(app, ia, "lieutenant"));
    }
}

public sealed class EmbeddedFollowUpTests(EmbeddedAppFixture fixture) : FollowUpLifecycleTests, IClassFixture<EmbeddedAppFixture>
{
    protected override Task<SurveysApp> AppAsync() => Task.FromResult(fixture.App);
}

[Collection("servers")]
[RequiresServers]
public sealed class ServerFollowUpTests(ServersFixture servers) : FollowUpLifecycleTests
{
    static readonly LazyServerApp Shared = new();

    protected override Task<SurveysApp> AppAsync() => Shared.GetAsync(servers);
}
