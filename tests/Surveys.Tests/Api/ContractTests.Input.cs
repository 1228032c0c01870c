using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Surveys.Data;
using Surveys.Security;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

/// <summary>Issue 10, items 2 and 7: input that used to slip past a rule or be stored as sent.</summary>
public abstract partial class ContractTests
{
    protected async Task<long> CountAsync(string sql, object args)
    {
        await using var connection = await (await AppAsync()).Service<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    protected async Task<string?> ScalarAsync(string sql, object args)
    {
        await using var connection = await (await AppAsync()).Service<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<string?>(sql, args);
    }

    protected static Dictionary<string, object?> ContactBody(string nb, string? externalId = null, string? phone = null) => new()
    {
        ["externalId"] = externalId ?? Unique("EH-"), ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-3), ["neighborhood"] = nb,
        ["contactType"] = "call-for-service", ["officers"] = new[] { "1001" }, ["phone"] = phone ?? UniquePhone(), ["language"] = "en",
    };

    protected async Task<HttpResponseMessage> PostContactAsync(Dictionary<string, object?> body) =>
        await (await ClientAsync(Keys.Intake)).PostAsJsonAsync("/api/v1/contacts", body);

    /// <summary>Nothing of a refused contact is stored, under its id as sent or trimmed (PostgreSQL text cannot hold NUL at all).</summary>
    protected async Task AssertNoContactAsync(Dictionary<string, object?> body)
    {
        var sent = (string)body["externalId"]!;
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM contacts WHERE external_id = @Sent OR external_id = @Clean", new { Sent = sent.Replace("\0", ""), Clean = sent.Replace("\0", "").Trim() }));
    }

    [ServerFact]
    public async Task Excluded_contact_type_with_a_trailing_newline_is_refused_not_invited()
    {
        var body = ContactBody(await NeighborhoodAsync());
        body["contactType"] = "domestic-violence\n";
        await AssertProblemAsync(await PostContactAsync(body), HttpStatusCode.BadRequest, "contactType");
        await AssertNoContactAsync(body);
    }

    [ServerFact]
    public async Task Opted_out_phone_with_a_trailing_newline_is_refused_and_the_clean_number_stays_opted_out()
    {
        var (nb, phone) = (await NeighborhoodAsync(), UniquePhone());
        await using (var connection = await (await AppAsync()).Service<Db>().OpenAsync())
            await connection.ExecuteAsync("INSERT INTO opt_outs (phone_hash, created_at) VALUES (@Hash, 0)", new { Hash = (await AppAsync()).Service<PhoneProtector>().Hash(phone) });
        var body = ContactBody(nb, phone: phone + "\n");
        await AssertProblemAsync(await PostContactAsync(body), HttpStatusCode.BadRequest, "phone");
        await AssertNoContactAsync(body);
        Assert.Equal("opted-out", (await ContactAsync(nb, phone: phone)).Status);
    }

    [ServerFact]
    public async Task Recently_surveyed_phone_with_a_trailing_newline_is_refused_not_invited_again()
    {
        var (nb, phone) = (await NeighborhoodAsync(), UniquePhone());
        Assert.Equal("invited", (await ContactAsync(nb, phone: phone)).Status);
        var body = ContactBody(nb, phone: phone + "\n");
        await AssertProblemAsync(await PostContactAsync(body), HttpStatusCode.BadRequest, "phone");
        await AssertNoContactAsync(body);
    }

    [ServerTheory]
    [InlineData("officers", "9999\n", HttpStatusCode.BadRequest, "officers[0]")]
    [InlineData("language", "es\n", HttpStatusCode.UnprocessableEntity, "language")]
    [InlineData("neighborhood", "{nb}\n", HttpStatusCode.BadRequest, "neighborhood")]
    [InlineData("externalId", "{id}\n", HttpStatusCode.BadRequest, "externalId")]
    public async Task Trailing_newline_in_a_contact_code_is_refused_naming_the_field(string field, string value, HttpStatusCode status, string named)
    {
        var body = ContactBody(await NeighborhoodAsync());
        value = value.Replace("{nb}", (string)body["neighborhood"]!).Replace("{id}", (string)body["externalId"]!);
        body[field] = field == "officers" ? new[] { value } : value;
        await AssertProblemAsync(await PostContactAsync(body), status, named);
        await AssertNoContactAsync(body);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM officers WHERE badge = @Badge", new { Badge = "9999\n" }));
    }

    [ServerFact]
    public async Task Neighborhood_code_with_a_trailing_newline_is_400_and_stores_nothing()
    {
        var code = Unique("NL");
        var response = await (await ClientAsync(Keys.Admin)).PutAsJsonAsync($"/api/v1/neighborhoods/{code}%0A", new { name = "Newline" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "code");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM neighborhoods WHERE code = @Code OR code = @Sent", new { Code = code, Sent = code + "\n" }));
    }

    [ServerTheory]
    [InlineData("""{"token": "{t}", "answers": {"overall": 5, "overall": 1}}""", "answers.overall")]
    [InlineData("""{"token": "{t}", "token": "{t}", "answers": {"overall": 5}}""", "token")]
    [InlineData("""{"token": "{t}", "answers": {"overall": 5}, "comment": "a", "comment": "b"}""", "comment")]
    public async Task Duplicate_JSON_keys_are_400_and_leave_the_token_usable(string json, string field)
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        await AssertProblemAsync(await PostRawAsync(json.Replace("{t}", c.Token)), HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM contacts WHERE id = @Id AND submitted_at IS NOT NULL", new { Id = c.ContactId }));
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(c.Token, new { overall = 3 })).StatusCode);
    }

    [ServerFact]
    public async Task Duplicate_JSON_keys_in_a_contact_are_400_and_store_nothing()
    {
        var nb = await NeighborhoodAsync();
        var id = Unique("EH-");
        var json = $$"""{"externalId":"{{id}}","occurredAt":"{{DateTimeOffset.UtcNow.AddHours(-1):O}}","neighborhood":"{{nb}}","contactType":"traffic-stop","contactType":"domestic-violence","phone":"{{UniquePhone()}}"}""";
        var response = await (await ClientAsync(Keys.Intake)).PostAsync("/api/v1/contacts", new StringContent(json, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "contactType");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM contacts WHERE external_id = @Id", new { Id = id }));
    }

    [ServerFact]
    public async Task Neighborhood_codes_equal_ignoring_case_are_one_neighborhood()
    {
        var code = Unique("CA");
        var admin = await ClientAsync(Keys.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = "Upper" })).StatusCode);
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{code.ToLowerInvariant()}", new { name = "Lower" }), HttpStatusCode.Conflict);
        Assert.Equal("Upper", await ScalarAsync("SELECT name FROM neighborhoods WHERE lower(code) = lower(@Code)", new { Code = code }));
        // A contact naming the lower-case spelling is the stored neighborhood's.
        var c = await (await PostContactAsync(ContactBody(code.ToLowerInvariant()))).Content.ReadFromJsonAsync<Contact>();
        Assert.Equal(code, await ScalarAsync("SELECT neighborhood FROM contacts WHERE id = @Id", new { Id = c!.ContactId }));
    }

    [ServerFact]
    public async Task Badges_equal_ignoring_case_are_one_officer_in_PUT_import_and_intake()
    {
        var badge = Unique("BC");
        var admin = await ClientAsync(Keys.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/v1/officers/{badge}", new { name = "Ana Muñoz" })).StatusCode);
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/v1/officers/{badge.ToLowerInvariant()}", new { name = "Other" }), HttpStatusCode.Conflict);
        var import = await admin.PostAsync("/api/v1/officers/import", new StringContent($"badge,name,unit,active\n{badge.ToLowerInvariant()},Other,,true\n", Encoding.UTF8, "text/csv"));
        var result = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, result.GetProperty("created").GetInt32() + result.GetProperty("updated").GetInt32());
        Assert.Equal(2, result.GetProperty("errors")[0].GetProperty("line").GetInt32());
        var c = await ContactAsync(await NeighborhoodAsync(), officers: [badge.ToLowerInvariant()]);
        Assert.Equal(badge, await ScalarAsync("SELECT badge FROM contact_officers WHERE contact_id = @Id", new { Id = c.ContactId }));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM officers WHERE lower(badge) = lower(@Badge)", new { Badge = badge }));
        Assert.Equal("Ana Muñoz", await ScalarAsync("SELECT name FROM officers WHERE badge = @Badge", new { Badge = badge }));
    }

}
