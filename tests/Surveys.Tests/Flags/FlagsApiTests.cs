using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Flags;

/// <summary>The IA API of the contract over HTTP, with flags raised by the real worker (Embedded mode).</summary>
public sealed class FlagsApiTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    SurveysApp App => fixture.App;
    HttpClient Ia => App.Client(Keys.Ia);

    [Fact]
    public async Task Complaint_with_an_allegation_is_one_IA_flag_listed_with_reasons_officers_and_neighborhood()
    {
        var hood = await NeighborhoodAsync(App);
        var contact = await RespondAsync(App, hood, new { overall = 1 }, "The officer shoved me and threatened me.", complaint: true, officers: ["2001", "2002"]);
        var id = await FlagIdAsync(App, contact, "ia");
        Assert.NotNull(id);
        Assert.Null(await FlagIdAsync(App, contact, "lieutenant")); // IA's matter alone

        var list = await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags?status=open&neighborhood={hood}");
        var flag = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, flag.GetProperty("id").GetString());
        Assert.Equal(["allegation", "complaint"], flag.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("force, threat", flag.GetProperty("categories").GetString());
        Assert.Equal(["2001", "2002"], flag.GetProperty("officers").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(hood, flag.GetProperty("neighborhood").GetString());
        Assert.Equal("open", flag.GetProperty("status").GetString());
        Assert.True(flag.GetProperty("created").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Single((await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags?officer=2002&reason=allegation&neighborhood={hood}")).EnumerateArray());
        Assert.Empty((await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags?status=sustained&neighborhood={hood}")).EnumerateArray());
        await AssertProblemAsync(await Ia.GetAsync("/api/v1/flags?status=bogus"), HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Detail_has_the_full_response_without_the_phone_and_every_read_is_audited()
    {
        var hood = await NeighborhoodAsync(App);
        var contact = await RespondAsync(App, hood, new { overall = 2, respect = 1, trust = 3 }, "He said <b>I'd regret it</b> & laughed.", complaint: true);
        var id = (await FlagIdAsync(App, contact, "ia"))!;

        var response = await Ia.GetAsync($"/api/v1/flags/{id}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("+1555", raw);
        Assert.DoesNotContain("<b>", raw); // JSON-escaped as \u003Cb\u003E
        var d = JsonDocument.Parse(raw).RootElement;
        Assert.Equal("He said <b>I'd regret it</b> & laughed.", d.GetProperty("response").GetProperty("comment").GetString());
        Assert.Equal("He said &lt;b&gt;I&#x27;d regret it&lt;/b&gt; &amp; laughed.", d.GetProperty("response").GetProperty("commentHtml").GetString());
        Assert.Equal(1, d.GetProperty("response").GetProperty("answers").GetProperty("respect").GetInt32());
        Assert.False(d.GetProperty("response").GetProperty("answers").TryGetProperty("voice", out _));
        Assert.True(d.GetProperty("response").GetProperty("wantsComplaint").GetBoolean());
        Assert.Equal(hood, d.GetProperty("neighborhood").GetProperty("code").GetString());
        Assert.Equal("call-for-service", d.GetProperty("contact").GetProperty("type").GetString());
        Assert.Equal("1001", d.GetProperty("officers")[0].GetProperty("badge").GetString());
        Assert.Equal(["in-review"], d.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));

        await Ia.GetAsync($"/api/v1/flags/{id}");
        var reads = (await AuditAsync(App, id)).Where(a => a.Action == "flag.read").ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal((Keys.Ia, "success"), (r.Actor, r.Outcome)));
    }

    [Fact]
    public async Task Flag_is_worked_from_open_to_sustained_with_notes_history_and_audit()
    {
        var contact = await RespondAsync(App, await NeighborhoodAsync(App), new { overall = 1 }, "Officer took my money.", complaint: false);
        var id = (await FlagIdAsync(App, contact, "ia"))!;

        var note = await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/notes", new { text = "Called the resident; bodycam requested." });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "in-review", reason = "Assigned to Sgt. Park" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "sustained", reason = "Footage confirms it" })).StatusCode);

        var d = await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags/{id}");
        Assert.Equal("sustained", d.GetProperty("status").GetString());
        Assert.Equal("Footage confirms it", d.GetProperty("statusReason").GetString());
        Assert.Equal("Called the resident; bodycam requested.", d.GetProperty("notes")[0].GetProperty("text").GetString());
        Assert.Equal(["open>in-review", "in-review>sustained"], d.GetProperty("history").EnumerateArray()
            .Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}"));
        Assert.Empty(d.GetProperty("nextStatuses").EnumerateArray());

        var audit = (await AuditAsync(App, id)).Select(a => $"{a.Action}:{a.Outcome}").ToList();
        Assert.Equal(["flag.note:success", "flag.status:success", "flag.status:success", "flag.read:success"], audit);
    }

    [Fact]
    public async Task Invalid_transitions_are_409_audited_as_rejected_and_change_nothing()
    {
        var contact = await RespondAsync(App, await NeighborhoodAsync(App), new { overall = 3 }, null, complaint: true);
        var id = (await FlagIdAsync(App, contact, "ia"))!;
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "sustained", reason = "skip ahead" }), HttpStatusCode.Conflict);
        await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "in-review", reason = "ok" });
        await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "dismissed", reason = "duplicate of another flag" });
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "in-review", reason = "reopen" }), HttpStatusCode.Conflict);

        var d = await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags/{id}");
        Assert.Equal("dismissed", d.GetProperty("status").GetString());
        Assert.Equal(2, d.GetProperty("history").GetArrayLength());
        Assert.Equal(2, (await AuditAsync(App, id)).Count(a => a is { Action: "flag.status", Outcome: "rejected" }));
    }

    [Fact]
    public async Task Bad_bodies_are_400_naming_the_field_and_unknown_flags_404()
    {
        var contact = await RespondAsync(App, await NeighborhoodAsync(App), new { overall = 3 }, null, complaint: true);
        var id = (await FlagIdAsync(App, contact, "ia"))!;
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "closed", reason = "x" }), HttpStatusCode.BadRequest, "status");
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/status", new { status = "in-review" }), HttpStatusCode.BadRequest, "reason");
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/notes", new { text = " " }), HttpStatusCode.BadRequest, "text");
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/notes", new { text = "ok", author = "me" }), HttpStatusCode.BadRequest, "author");
        await AssertProblemAsync(await Ia.PostAsJsonAsync($"/api/v1/flags/{id}/notes", new { text = new string('x', 4001) }), HttpStatusCode.BadRequest, "text");
        await AssertProblemAsync(await Ia.GetAsync("/api/v1/flags/nope"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Ia.PostAsJsonAsync("/api/v1/flags/nope/notes", new { text = "x" }), HttpStatusCode.NotFound);
        Assert.Equal("open", (await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Low_rating_goes_to_the_lieutenant_and_IA_cannot_read_it()
    {
        var hood = await NeighborhoodAsync(App);
        var contact = await RespondAsync(App, hood, new { overall = 2 }, "Slow response.", followUp: true);
        var item = await FlagIdAsync(App, contact, "lieutenant");
        Assert.NotNull(item);
        Assert.Null(await FlagIdAsync(App, contact, "ia"));
        Assert.Empty((await Ia.GetFromJsonAsync<JsonElement>($"/api/v1/flags?neighborhood={hood}")).EnumerateArray());
        await AssertProblemAsync(await Ia.GetAsync($"/api/v1/flags/{item}"), HttpStatusCode.NotFound);
        Assert.Contains((await AuditAsync(App, item)), a => a is { Action: "flag.read", Outcome: "denied" });
    }

    [Fact]
    public async Task Commendation_reaches_every_officer_of_the_contact_and_quotes_only_shared_words()
    {
        var hood = await NeighborhoodAsync(App);
        var (a, b) = (Unique("B"), Unique("B"));
        await OfficerAsync(App, a, "Officer Diaz");
        await RespondAsync(App, hood, new { overall = 5, respect = 5 }, "Went above and beyond, thank you so much!", share: true, officers: [a, b]);
        await RespondAsync(App, hood, new { overall = 5 }, "Muchísimas gracias, muy amable.", share: false, officers: [a]);
        await RespondAsync(App, hood, new { overall = 5 }, "fine", share: true, officers: [a]);

        var mine = await App.Client(Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/officers/{a}/commendations");
        Assert.Equal("Officer Diaz", mine.GetProperty("name").GetString());
        Assert.Equal(2, mine.GetProperty("count").GetInt32());
        Assert.Equal([null, "Went above and beyond, thank you so much!"], mine.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("comment").GetString()).OrderBy(c => c));
        Assert.Equal(1, (await App.Client(Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/officers/{b}/commendations")).GetProperty("count").GetInt32());
        var counts = await App.Client(Keys.Admin).GetFromJsonAsync<JsonElement>("/api/v1/commendations");
        Assert.Contains(counts.EnumerateArray(), c => c.GetProperty("badge").GetString() == a && c.GetProperty("count").GetInt64() == 2);
        Assert.Contains(await AuditAsync(App, a), e => e is { Action: "commendations.read", Actor: Keys.Chief });
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.Contains($"\"{field}\"", body);
    }
}
