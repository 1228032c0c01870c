using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Api;
using Surveys.Tests.Flags;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Events.EventScenario;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Events;

/// <summary>The events contract over HTTP in both modes (subclasses below): roles, answers, counting, flags, suppression.</summary>
public abstract class EventApiTests
{
    protected abstract Task<SurveysApp> AppAsync();

    [ServerFact]
    public async Task Roles_city_wide_for_chiefs_and_admins_and_lieutenants_only_their_own_neighborhood_also_by_id()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var other = await NeighborhoodAsync(app);
        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        var body = new { kind = "coffee-with-a-cop", title = "Coffee", startsAt = "2026-10-14T08:00:00-04:00" };
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.PostAsJsonAsync("/api/v1/events", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.PostAsJsonAsync("/api/v1/events", new { neighborhood = other, body.kind, body.title, body.startsAt })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FlagScenario.Api(app, Keys.Intake).PostAsJsonAsync("/api/v1/events", body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync("/api/v1/events", new { kind = "party", title = "x", startsAt = "2026-10-14T08:00:00Z" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync("/api/v1/events", new { body.kind, body.title, startsAt = "2026-10-14T08:00:00" })).StatusCode);

        var (city, cityUrl, token) = await CreateAsync(app, null, key: Keys.Admin);
        Assert.Equal($"http://localhost/e/{token}", cityUrl);
        Assert.Equal(12, token.Length);
        var (own, _, _) = await CreateAsync(app, "N1", key: Keys.LieutenantN1);
        var (theirs, _, _) = await CreateAsync(app, other);
        foreach (var path in new[] { $"/api/v1/events/{theirs}", $"/api/v1/events/{city}", $"/api/v1/events/{theirs}/qr.svg", $"/api/v1/events/{theirs}/qr.png" })
            Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.PostAsJsonAsync($"/api/v1/events/{theirs}/concerns", new { text = "Speeding" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync($"/api/v1/events?neighborhood={other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lt.GetAsync("/api/v1/events/nope")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await lt.PostAsJsonAsync($"/api/v1/events/{own}/concerns", new { text = "Speeding on Elm Street" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lt.PatchAsJsonAsync($"/api/v1/events/{own}", new { attendance = 31 })).StatusCode);
        var detail = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/events/{own}");
        Assert.Equal(31, detail.GetProperty("attendance").GetInt32());
        Assert.Equal("Speeding on Elm Street", detail.GetProperty("concerns")[0].GetProperty("text").GetString());
        Assert.True(detail.GetProperty("figures").GetProperty("items").GetProperty("overall").GetProperty("suppressed").GetBoolean());

        var mine = await lt.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=1000");
        Assert.All(mine.GetProperty("items").EnumerateArray(), e => Assert.Equal("N1", e.GetProperty("neighborhood").GetString()));
        var all = await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>("/api/v1/events?limit=1");
        Assert.NotNull(all.GetProperty("nextCursor").GetString());
    }

    [ServerFact]
    public async Task One_answer_per_browser_counted_for_the_event_only_and_redelivery_changes_nothing()
    {
        var app = await AppAsync();
        var hood = await NeighborhoodAsync(app);
        var (id, _, token) = await CreateAsync(app, hood);
        var month = await ScalarAsync<string>(app, "SELECT month FROM events WHERE id = @Id", new { Id = id });
        var before = await FlagScenario.Api(app, Keys.Chief).GetStringAsync($"/api/v1/stats/city?month={month}");

        var browser = BrowserClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(browser, token, 5, 4, 4, "Good meeting"));
        await StoredAsync(app, id, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await browser.GetAsync($"/e/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, await AnswerAsync(browser, token, 1));

        // Redelivery: the same browser's answer queued again, and the stored message replayed, store nothing twice.
        var browserId = await ScalarAsync<string>(app, "SELECT browser_id FROM event_responses WHERE event_id = @Id", new { Id = id });
        Assert.True(await app.Service<Surveys.Api.Events.EventSubmission>().QueueAsync(id, browserId, new() { ["overall"] = 1 }, null, "en"));
        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(app), token, 3)); // marker: stored after the duplicate had its turn
        await StoredAsync(app, id, 2);
        Assert.Equal(2L, await ScalarAsync<long>(app, "SELECT n FROM aggregates WHERE scope = 'event' AND scope_key = @Id AND item = 'overall'", new { Id = id }));
        Assert.Equal(8L, await ScalarAsync<long>(app, "SELECT total FROM aggregates WHERE scope = 'event' AND scope_key = @Id AND item = 'overall'", new { Id = id }));

        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM aggregates WHERE scope <> 'event' AND scope_key LIKE @Hood", new { Hood = hood + "%" }));
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM monthly_counts WHERE scope_key LIKE @Hood OR scope = 'event'", new { Hood = hood + "%" }));
        var stats = await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/stats/neighborhoods/{hood}?month={month}");
        Assert.Equal(0, stats.GetProperty("responses").GetInt64());
        Assert.Equal(0, stats.GetProperty("items").GetProperty("overall").GetProperty("n").GetInt64());
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM responses WHERE neighborhood = @Hood", new { Hood = hood }));
        Assert.True(before.Length > 0);
    }

    [ServerFact]
    public async Task An_allegation_in_an_event_comment_reaches_the_ia_queue_with_the_event_and_no_officers()
    {
        var app = await AppAsync();
        var hood = await NeighborhoodAsync(app);
        var (id, _, token) = await CreateAsync(app, hood);
        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(app), token, 1, comment: "The officer shoved me and threatened me after the meeting."));
        await StoredAsync(app, id, 1);
        var flag = await ScalarAsync<string?>(app, """
            SELECT f.id FROM flags f JOIN event_responses er ON er.id = f.event_response_id WHERE er.event_id = @Id AND f.queue = 'ia'
            """, new { Id = id });
        Assert.NotNull(flag);
        var detail = await FlagScenario.Api(app, Keys.Ia).GetFromJsonAsync<JsonElement>($"/api/v1/flags/{flag}");
        Assert.Equal(id, detail.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal(0, detail.GetProperty("officers").GetArrayLength());
        Assert.Contains(detail.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "allegation");
        var queue = await FlagScenario.Api(app, Keys.Ia).GetFromJsonAsync<JsonElement>($"/api/v1/flags?neighborhood={hood}");
        Assert.Contains(queue.EnumerateArray(), f => f.GetProperty("id").GetString() == flag);
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM comment_reviews WHERE response_id IN (SELECT id FROM event_responses WHERE event_id = @Id)", new { Id = id }));
    }

    [ServerFact]
    public async Task A_low_rating_flags_the_neighborhood_lieutenant_and_nobody_for_a_city_wide_event()
    {
        var app = await AppAsync();
        var hood = await NeighborhoodAsync(app);
        var (local, _, localToken) = await CreateAsync(app, hood);
        var (city, _, cityToken) = await CreateAsync(app, null);
        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(app), localToken, 1));
        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(app), cityToken, 1));
        await StoredAsync(app, local, 1);
        await StoredAsync(app, city, 1);
        const string sql = "SELECT f.queue FROM flags f JOIN event_responses er ON er.id = f.event_response_id WHERE er.event_id = @Id";
        Assert.Equal("lieutenant", await ScalarAsync<string?>(app, sql, new { Id = local }));
        Assert.Null(await ScalarAsync<string?>(app, sql, new { Id = city }));
    }

    [ServerFact]
    public async Task Event_figures_are_suppressed_below_MinResponses_and_shown_from_it()
    {
        var app = await AppAsync();
        var hood = await NeighborhoodAsync(app);
        var (id, _, token) = await CreateAsync(app, hood);
        for (var i = 0; i < 9; i++) Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(app), token, 4, 5));
        await StoredAsync(app, id, 9);
        var figures = (await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}")).GetProperty("figures");
        var overall = figures.GetProperty("items").GetProperty("overall");
        Assert.True(overall.GetProperty("suppressed").GetBoolean());
        Assert.Equal(9, overall.GetProperty("n").GetInt64());
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("mean").ValueKind);
        Assert.False(figures.GetProperty("items").TryGetProperty("respect", out _));

        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(app), token, 2));
        await StoredAsync(app, id, 10);
        overall = (await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}")).GetProperty("figures").GetProperty("items").GetProperty("overall");
        Assert.False(overall.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3.8, overall.GetProperty("mean").GetDouble(), 2);
        Assert.True((await FlagScenario.Api(app, Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}")).GetProperty("figures").GetProperty("items")
            .GetProperty("voice").GetProperty("suppressed").GetBoolean()); // 9 answered voice
    }
}

public sealed class EmbeddedEventApiTests(EmbeddedAppFixture fixture) : EventApiTests, IClassFixture<EmbeddedAppFixture>
{
    protected override Task<SurveysApp> AppAsync() => Task.FromResult(fixture.App);
}

[Collection("servers")]
[RequiresServers]
public sealed class ServerEventApiTests(ServersFixture servers) : EventApiTests
{
    static readonly LazyServerApp Shared = new();

    protected override Task<SurveysApp> AppAsync() => Shared.GetAsync(servers);
}
