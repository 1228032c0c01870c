using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Api;
using Surveys.Tests.Flags;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.ProblemSolving;

/// <summary>The problems contract over HTTP (stage machine, actions, public title), run in both modes (subclasses below).</summary>
public abstract class ProblemLifecycleTests
{
    protected abstract Task<SurveysApp> AppAsync();

    public static async Task<string> OpenAsync(SurveysApp app, string key, string hood, object? extra = null, string? title = null)
    {
        var body = new Dictionary<string, object?> { ["neighborhood"] = hood, ["title"] = title ?? Unique("Noise at night "), ["description"] = "Residents rate voice low.", ["items"] = new[] { "voice", "trust" } };
        foreach (var p in extra?.GetType().GetProperties() ?? []) body[p.Name] = p.GetValue(extra);
        var response = await FlagScenario.Api(app, key).PostAsJsonAsync("/api/v1/problems", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scanning", created.GetProperty("stage").GetString());
        return created.GetProperty("id").GetString()!;
    }

    static Task<HttpResponseMessage> Move(SurveysApp app, string key, string id, string stage, string? note = null) =>
        FlagScenario.Api(app, key).PostAsJsonAsync($"/api/v1/problems/{id}/stage", new { stage, note });

    [ServerFact]
    public async Task Stages_move_one_at_a_time_back_only_with_a_note_and_response_is_dated_in_the_agency_zone()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var id = await OpenAsync(app, Keys.LieutenantN1, "N1");
        var skip = await Move(app, Keys.LieutenantN1, id, "response");
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        var problem = await skip.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scanning", problem.GetProperty("from").GetString());
        Assert.Equal("response", problem.GetProperty("to").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Move(app, Keys.LieutenantN1, id, "solved")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(app, Keys.LieutenantN1, id, "analysis")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Move(app, Keys.LieutenantN1, id, "scanning")).StatusCode); // back without a note
        Assert.Equal(HttpStatusCode.Conflict, (await Move(app, Keys.LieutenantN1, id, "scanning", "  ")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(app, Keys.LieutenantN1, id, "scanning", "Need the March figures first.")).StatusCode);
        foreach (var stage in new[] { "analysis", "response" })
            Assert.Equal(HttpStatusCode.OK, (await Move(app, Keys.Chief, id, stage)).StatusCode);

        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        var item = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        Assert.Equal(today.ToString("yyyy-MM-dd"), item.GetProperty("responseStartedOn").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), item.GetProperty("assessment").GetProperty("responseStartedOn").GetString());
        Assert.Equal("too-early", item.GetProperty("assessment").GetProperty("status").GetString());
        Assert.Equal(["voice", "trust"], item.GetProperty("items").EnumerateArray().Select(i => i.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await Move(app, Keys.LieutenantN1, id, "assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(app, Keys.LieutenantN1, id, "closed")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Move(app, Keys.LieutenantN1, id, "scanning", "Start over.")).StatusCode);
        var closed = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}");
        Assert.Equal("closed", closed.GetProperty("stage").GetString());
        Assert.Equal([">scanning", "scanning>analysis", "analysis>scanning", "scanning>analysis", "analysis>response", "response>assessment", "assessment>closed"],
            closed.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}"));
        Assert.Equal("Need the March figures first.", closed.GetProperty("history")[2].GetProperty("note").GetString());
    }

    [ServerFact]
    public async Task Two_concurrent_moves_do_not_both_succeed()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var id = await OpenAsync(app, Keys.Chief, "N1");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Move(app, Keys.Chief, id, "analysis")));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM problem_history WHERE problem_id = @Id", new { Id = id }));
    }

    [ServerFact]
    public async Task Actions_are_added_and_end_once_and_a_closed_problem_takes_none()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var id = await OpenAsync(app, Keys.LieutenantN1, "N1");
        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        var bad = await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions", new { text = "Walk the block", owner = "", dueOn = "20/12/2026" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("owner", out _) && errors.TryGetProperty("dueOn", out _));
        var added = await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions", new { text = "Foot patrol Fri/Sat nights", owner = "Sgt. Lee", dueOn = "2026-12-20" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var action = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var second = (await (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions", new { text = "Meet the bar owners", owner = "Lt. Muñoz", dueOn = "2026-12-05" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions/{action}/status", new { status = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions/nope/status", new { status = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions/{action}/status", new { status = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions/{action}/status", new { status = "dropped" })).StatusCode);

        var item = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}");
        Assert.Equal(["2026-12-05:open", "2026-12-20:done"], item.GetProperty("actions").EnumerateArray()
            .Select(a => $"{a.GetProperty("dueOn").GetString()}:{a.GetProperty("status").GetString()}"));
        Assert.False(item.TryGetProperty("assessment", out var a) && a.ValueKind != JsonValueKind.Null); // before the response stage

        foreach (var stage in new[] { "analysis", "response", "assessment", "closed" }) Assert.Equal(HttpStatusCode.OK, (await Move(app, Keys.LieutenantN1, id, stage)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions", new { text = "Late", owner = "Sgt. Lee", dueOn = "2026-12-31" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions/{second}/status", new { status = "dropped" })).StatusCode);
    }

    [ServerFact]
    public async Task Another_neighborhoods_lieutenant_gets_403_everywhere_and_unknown_ids_404()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        await NeighborhoodAsync(app, "N2");
        var id = await OpenAsync(app, Keys.Chief, "N2");
        var action = (await (await FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync($"/api/v1/problems/{id}/actions", new { text = "Lights", owner = "Public works", dueOn = "2026-12-20" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        var refused = new[]
        {
            await lt.GetAsync($"/api/v1/problems/{id}"),
            await lt.GetAsync("/api/v1/problems?neighborhood=N2"),
            await lt.PostAsJsonAsync("/api/v1/problems", new { neighborhood = "N2", title = "Mine now", description = "x", items = new[] { "trust" } }),
            await Move(app, Keys.LieutenantN1, id, "analysis"),
            await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions", new { text = "x", owner = "y", dueOn = "2026-12-20" }),
            await lt.PostAsJsonAsync($"/api/v1/problems/{id}/actions/{action}/status", new { status = "done" }),
            await lt.PostAsJsonAsync($"/api/v1/problems/{id}/public-title", new { publicTitle = "Street lights" }),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var mine = await lt.GetFromJsonAsync<JsonElement>("/api/v1/problems");
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), p => p.GetProperty("neighborhood").GetString() != "N1");
        Assert.Equal("scanning", await ScalarAsync<string>(app, "SELECT stage FROM problems WHERE id = @Id", new { Id = id }));
        Assert.Equal("open", await ScalarAsync<string>(app, "SELECT status FROM problem_actions WHERE id = @Id", new { Id = action }));
        Assert.Equal(HttpStatusCode.NotFound, (await lt.GetAsync("/api/v1/problems/no-such-problem")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Move(app, Keys.LieutenantN1, "no-such-problem", "analysis")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await FlagScenario.Api(app, Keys.Intake).GetAsync("/api/v1/problems")).StatusCode);
    }

    [ServerFact]
    public async Task Evidence_must_exist_and_a_lieutenant_cites_only_their_own_and_no_flags()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        await NeighborhoodAsync(app, "N2");
        var (_, own) = await FollowUpRequestAsync(app, "N1");
        var (_, other) = await FollowUpRequestAsync(app, "N2");
        var title = Unique("Evidence ");
        async Task<HttpResponseMessage> Post(string key, object extra)
        {
            var body = new Dictionary<string, object?> { ["neighborhood"] = "N1", ["title"] = title, ["description"] = "d", ["items"] = new[] { "voice" } };
            foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
            return await FlagScenario.Api(app, key).PostAsJsonAsync("/api/v1/problems", body);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Keys.LieutenantN1, new { flagIds = new[] { "any" } })).StatusCode);
        await AssertField(await Post(Keys.LieutenantN1, new { followUpIds = new[] { own, other } }), HttpStatusCode.UnprocessableEntity, "followUpIds");
        await AssertField(await Post(Keys.Chief, new { followUpIds = new[] { "missing" } }), HttpStatusCode.UnprocessableEntity, "followUpIds");
        await AssertField(await Post(Keys.Chief, new { flagIds = new[] { "missing" } }), HttpStatusCode.UnprocessableEntity, "flagIds");
        await AssertField(await Post(Keys.Chief, new { eventId = "missing" }), HttpStatusCode.UnprocessableEntity, "eventId");
        await AssertField(await Post(Keys.Chief, new { concernIds = new[] { "missing" } }), HttpStatusCode.UnprocessableEntity, "concernIds");
        await AssertField(await Post(Keys.Chief, new { items = new[] { "voice", "happiness" } }), HttpStatusCode.UnprocessableEntity, "items");
        await AssertField(await Post(Keys.Chief, new { items = Array.Empty<string>() }), HttpStatusCode.BadRequest, "items");
        await AssertField(await Post(Keys.Chief, new { title = "" }), HttpStatusCode.BadRequest, "title");
        await AssertField(await Post(Keys.Chief, new { neighborhood = "NOPE" }), HttpStatusCode.UnprocessableEntity, "neighborhood");
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM problems WHERE title = @Title", new { Title = title }));

        var id = await OpenAsync(app, Keys.LieutenantN1, "N1", new { followUpIds = new[] { own } });
        var item = await FlagScenario.Api(app, Keys.LieutenantN1).GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}");
        var evidence = Assert.Single(item.GetProperty("evidence").EnumerateArray());
        Assert.Equal(("follow-up", own), (evidence.GetProperty("kind").GetString(), evidence.GetProperty("id").GetString()));
    }

    [ServerFact]
    public async Task A_lieutenants_public_title_waits_for_a_chief()
    {
        var app = await AppAsync();
        await NeighborhoodAsync(app, "N1");
        var id = await OpenAsync(app, Keys.LieutenantN1, "N1", new { publicTitle = "Late-night noise on Elm Street" });
        var lt = FlagScenario.Api(app, Keys.LieutenantN1);
        var item = await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}");
        Assert.Equal("Late-night noise on Elm Street", item.GetProperty("publicTitle").GetString());
        Assert.False(item.GetProperty("publicTitleApproved").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.PostAsJsonAsync($"/api/v1/problems/{id}/public-title", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FlagScenario.Api(app, Keys.Chief).PostAsJsonAsync($"/api/v1/problems/{id}/public-title", new { })).StatusCode);
        Assert.True((await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{id}")).GetProperty("publicTitleApproved").GetBoolean());

        var untitled = await OpenAsync(app, Keys.LieutenantN1, "N1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await FlagScenario.Api(app, Keys.Admin).PostAsJsonAsync($"/api/v1/problems/{untitled}/public-title", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FlagScenario.Api(app, Keys.Admin).PostAsJsonAsync($"/api/v1/problems/{untitled}/public-title", new { publicTitle = "Speeding near the school" })).StatusCode);
        var chiefs = await OpenAsync(app, Keys.Chief, "N1", new { publicTitle = "Park lighting" });
        Assert.True((await lt.GetFromJsonAsync<JsonElement>($"/api/v1/problems/{chiefs}")).GetProperty("publicTitleApproved").GetBoolean());
    }

    static async Task<(string Contact, string Id)> FollowUpRequestAsync(SurveysApp app, string hood)
    {
        var contact = await RespondAsync(app, hood, new { overall = 2, voice = 1 }, "Nobody listens.", followUp: true);
        var id = await ScalarAsync<string?>(app, "SELECT id FROM follow_ups WHERE contact_id = @Id", new { Id = contact });
        return (contact, id!);
    }

    static async Task AssertField(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
    }
}

public sealed class EmbeddedProblemTests(EmbeddedAppFixture fixture) : ProblemLifecycleTests, IClassFixture<EmbeddedAppFixture>
{
    protected override Task<SurveysApp> AppAsync() => Task.FromResult(fixture.App);
}

[Collection("servers")]
[RequiresServers]
public sealed class ServerProblemTests(ServersFixture servers) : ProblemLifecycleTests
{
    static readonly LazyServerApp Shared = new();

    protected override Task<SurveysApp> AppAsync() => Shared.GetAsync(servers);
}
