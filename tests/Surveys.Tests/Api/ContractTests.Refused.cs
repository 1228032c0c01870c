using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

/// <summary>Issue 10, items 6 and 7: times, language tags, names, roster bytes, bidi text, months.</summary>
public abstract partial class ContractTests
{
    [ServerTheory]
    [InlineData("2026-11-30T10:00:00", HttpStatusCode.UnprocessableEntity)]
    [InlineData("0001-01-01T00:00:00Z", HttpStatusCode.UnprocessableEntity)]
    [InlineData("0001-01-01T00:00:00+05:00", HttpStatusCode.UnprocessableEntity)]
    [InlineData("1999-12-31T23:59:59Z", HttpStatusCode.UnprocessableEntity)]
    [InlineData("9999-12-31T23:59:59Z", HttpStatusCode.UnprocessableEntity)]
    [InlineData("2026-13-01T00:00:00Z", HttpStatusCode.BadRequest)]
    [InlineData("2026-11-30 10:00:00Z", HttpStatusCode.BadRequest)]
    public async Task OccurredAt_without_an_offset_or_out_of_range_is_refused_and_invites_nothing(string occurredAt, HttpStatusCode status)
    {
        var body = ContactBody(await NeighborhoodAsync());
        body["occurredAt"] = occurredAt;
        await AssertProblemAsync(await PostContactAsync(body), status, "occurredAt");
        await AssertNoContactAsync(body);
    }

    [ServerTheory]
    [InlineData("zh-Hans", "zh-Hans", "en")]
    [InlineData("ZH-hans", "zh-Hans", "en")]
    [InlineData("es-419", "es-419", "es")]
    [InlineData("pt-BR", "pt-BR", "en")]
    [InlineData("ES", "es", "es")]
    public async Task Well_formed_language_tags_are_taken_and_unsupported_ones_get_English(string sent, string stored, string page)
    {
        var c = await ContactAsync(await NeighborhoodAsync(), language: sent);
        Assert.Equal(stored, await ScalarAsync("SELECT language FROM contacts WHERE id = @Id", new { Id = c.ContactId }));
        Assert.Contains($"<html lang=\"{page}\">", await (await ClientAsync(null)).GetStringAsync($"/s/{c.Token}"));
    }

    [ServerTheory]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("es-")]
    [InlineData("-es")]
    [InlineData("e")]
    [InlineData("en-US-")]
    [InlineData(" en")]
    public async Task Malformed_language_tag_is_422_and_stores_nothing(string language)
    {
        var body = ContactBody(await NeighborhoodAsync());
        body["language"] = language;
        await AssertProblemAsync(await PostContactAsync(body), HttpStatusCode.UnprocessableEntity, "language");
        await AssertNoContactAsync(body);
    }

    [ServerTheory]
    [InlineData("officers", "name", "Ana\0Muñoz")]
    [InlineData("officers", "name", "Ana \u001b[31mMuñoz")]
    [InlineData("officers", "name", "\u202Ezoñum anA")]
    [InlineData("officers", "unit", "Patrol\u2066 1")]
    [InlineData("neighborhoods", "name", "River\u202Eside")]
    [InlineData("neighborhoods", "lieutenant", "Lt.\u001b Nguyễn")]
    public async Task Control_characters_and_bidi_overrides_in_names_are_400_and_store_nothing(string resource, string field, string value)
    {
        var key = Unique("NM");
        var body = new Dictionary<string, string> { ["name"] = "Plain Name" };
        body[field] = value;
        var response = await (await ClientAsync(Keys.Admin)).PutAsJsonAsync($"/api/v1/{resource}/{key}", body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        var table = resource == "officers" ? "officers WHERE badge" : "neighborhoods WHERE code";
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM {table} = @Key", new { Key = key }));
    }

    [ServerFact]
    public async Task Roster_import_refuses_control_characters_and_invalid_UTF8_by_line_and_applies_the_rest()
    {
        var (good, esc, bad, nul) = (Unique("R"), Unique("R"), Unique("R"), Unique("R"));
        var csv = new List<byte>(Encoding.UTF8.GetBytes($"badge,name,unit,active\n{good},Café Good,,true\n{esc},Bad\u001bName,,true\n{bad},Caf"));
        csv.AddRange(new byte[] { 0xFF, 0xFE });
        csv.AddRange(Encoding.UTF8.GetBytes($",,true\r\n{nul},Nul\0Name,,true\n"));
        var content = new ByteArrayContent(csv.ToArray());
        content.Headers.ContentType = new("text/csv");
        var response = await (await ClientAsync(Keys.Admin)).PostAsync("/api/v1/officers/import", content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("created").GetInt32());
        Assert.Equal([3, 4, 5], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("UTF-8", body.GetProperty("errors")[1].GetProperty("message").GetString());
        Assert.Equal("Café Good", await ScalarAsync("SELECT name FROM officers WHERE badge = @Badge", new { Badge = good }));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM officers WHERE badge IN (@A, @B, @C)", new { A = esc, B = bad, C = nul }));
    }

    [ServerFact]
    public async Task Bidi_override_in_a_comment_is_kept_as_written_but_shown_inert_to_internal_affairs()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        const string comment = "See attachment \u202Egnp.exe";
        var submitted = await (await ClientAsync(null)).PostAsJsonAsync("/api/v1/responses", new { token = c.Token, answers = new { overall = 1 }, comment, wantsComplaint = true });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string? flagId = null;
        await Eventually.TrueAsync(async () => (flagId = await ScalarAsync(
            "SELECT f.id FROM flags f JOIN responses r ON r.id = f.response_id WHERE r.contact_id = @Id", new { Id = c.ContactId })) is not null,
            TimeSpan.FromSeconds(30), "IA flag raised");
        var flag = await (await ClientAsync(Keys.Ia)).GetFromJsonAsync<JsonElement>($"/api/v1/flags/{flagId}");
        var response = flag.GetProperty("response");
        Assert.Equal(comment, response.GetProperty("comment").GetString());
        var html = response.GetProperty("commentHtml").GetString()!;
        Assert.Equal("See attachment [U+202E]gnp.exe", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
    }

    [ServerTheory]
    [InlineData("/api/v1/stats/city?month=9999-12")]
    [InlineData("/api/v1/stats/city?month=0001-01")]
    [InlineData("/api/v1/stats/neighborhoods/{nb}?month=9999-12")]
    [InlineData("/api/v1/stats/officers/1001?month=0001-01")]
    [InlineData("/api/v1/reports/city?month=9999-12")]
    [InlineData("/api/v1/reports/neighborhoods/{nb}?month=0001-01")]
    [InlineData("/api/v1/commendations?month=9999-12")]
    [InlineData("/api/v1/stats/city?month=2026-10%0A")]
    public async Task Month_at_the_ends_of_the_calendar_is_400_naming_month(string path)
    {
        var nb = await NeighborhoodAsync();
        await ContactAsync(nb, officers: ["1001"]);
        await AssertProblemAsync(await (await ClientAsync(Keys.Chief)).GetAsync(path.Replace("{nb}", nb)), HttpStatusCode.BadRequest, "month");
    }

    [ServerFact]
    public async Task Concurrent_PUTs_of_one_code_in_two_cases_leave_one_neighborhood_and_no_server_error()
    {
        var code = Unique("RC");
        var admin = await ClientAsync(Keys.Admin);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            admin.PutAsJsonAsync($"/api/v1/neighborhoods/{(i % 2 == 0 ? code : code.ToLowerInvariant())}", new { name = $"Race {i}" })));
        Assert.All(results, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM neighborhoods WHERE lower(code) = lower(@Code)", new { Code = code }));
    }

    [ServerFact]
    public async Task Concurrent_PUTs_of_one_new_badge_give_exactly_one_201()
    {
        var badge = Unique("RB");
        var admin = await ClientAsync(Keys.Admin);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name = $"Officer {i}", unit = "Patrol", active = true })));
        Assert.All(results, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM officers WHERE badge = @Badge AND rostered", new { Badge = badge }));
    }
}
