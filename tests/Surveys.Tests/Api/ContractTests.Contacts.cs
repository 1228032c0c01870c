using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    [ServerFact]
    public async Task Invited_contact_gets_a_survey_url_and_a_repeat_returns_the_same_contact()
    {
        var nb = await NeighborhoodAsync();
        var body = new { externalId = Unique("EH-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood = nb,
            contactType = "call-for-service", officers = new[] { "1234", "5678" }, phone = UniquePhone(), language = "en" };
        var intake = await ClientAsync(Keys.Intake);
        var first = await intake.PostAsJsonAsync("/api/v1/contacts", body);
        var second = await intake.PostAsJsonAsync("/api/v1/contacts", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<Contact>();
        var b = await second.Content.ReadFromJsonAsync<Contact>();
        Assert.Equal("invited", a!.Status);
        Assert.Equal(a, b);
        Assert.Matches("/s/[A-Za-z0-9_-]{43}$", a.SurveyUrl);
    }

    [ServerFact]
    public async Task Sensitive_contact_types_are_excluded_and_get_no_link()
    {
        var nb = await NeighborhoodAsync();
        foreach (var type in new[] { "domestic-violence", "sexual-assault", "juvenile", "death-notification", "mental-health-crisis" })
        {
            var c = await ContactAsync(nb, type);
            Assert.Equal("excluded", c.Status);
            Assert.Null(c.SurveyUrl);
        }
    }

    [ServerFact]
    public async Task Same_phone_within_the_suppression_window_is_suppressed()
    {
        var nb = await NeighborhoodAsync();
        var phone = UniquePhone();
        Assert.Equal("invited", (await ContactAsync(nb, phone: phone)).Status);
        var again = await ContactAsync(nb, phone: phone);
        Assert.Equal("suppressed", again.Status);
        Assert.Null(again.SurveyUrl);
    }

    [ServerFact]
    public async Task Unknown_neighborhood_is_422_and_records_nothing()
    {
        var externalId = Unique("EH-");
        var body = new { externalId, occurredAt = DateTimeOffset.UtcNow.AddHours(-1), neighborhood = "NOPE", contactType = "traffic-stop", officers = new[] { "1" }, phone = UniquePhone() };
        var intake = await ClientAsync(Keys.Intake);
        await AssertProblemAsync(await intake.PostAsJsonAsync("/api/v1/contacts", body), HttpStatusCode.UnprocessableEntity);
        // Nothing was stored: the same externalId with a real neighborhood is a new contact.
        var fixedBody = new { externalId, occurredAt = DateTimeOffset.UtcNow.AddHours(-1), neighborhood = await NeighborhoodAsync(), contactType = "traffic-stop", officers = new[] { "1" }, phone = UniquePhone() };
        Assert.Equal(HttpStatusCode.Created, (await intake.PostAsJsonAsync("/api/v1/contacts", fixedBody)).StatusCode);
    }

    [ServerTheory]
    [InlineData("phone", "8605550100")]
    [InlineData("contactType", "Traffic Stop")]
    [InlineData("externalId", "")]
    public async Task Invalid_contact_field_is_rejected_by_name(string field, string value)
    {
        var body = new Dictionary<string, object?>
        {
            ["externalId"] = Unique("EH-"), ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1), ["neighborhood"] = "N1",
            ["contactType"] = "traffic-stop", ["officers"] = new[] { "1" }, ["phone"] = UniquePhone(), ["language"] = "en",
        };
        body[field] = value;
        await AssertProblemAsync(await (await ClientAsync(Keys.Intake)).PostAsJsonAsync("/api/v1/contacts", body), HttpStatusCode.BadRequest, field);
    }

    [ServerFact]
    public async Task Contacts_need_the_intake_role()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await ClientAsync(null)).PostAsJsonAsync("/api/v1/contacts", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(Keys.Chief)).PostAsJsonAsync("/api/v1/contacts", new { })).StatusCode);
    }

    [ServerFact]
    public async Task Unrostered_badge_is_accepted_and_its_feedback_counted()
    {
        var nb = await NeighborhoodAsync();
        var badge = Unique("U");
        var c = await ContactAsync(nb, officers: [badge]);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(c.Token, new { overall = 5 })).StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            var r = await (await ClientAsync(Keys.Chief)).GetAsync($"/api/v1/stats/officers/{badge}?month={Months(c)}");
            return r.IsSuccessStatusCode && (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responses").GetInt64() == 1;
        }, TimeSpan.FromSeconds(30), "officer figures");
    }

    static string Months(Contact _) => Surveys.Rules.Months.Of(DateTimeOffset.UtcNow.AddHours(-3), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
}
