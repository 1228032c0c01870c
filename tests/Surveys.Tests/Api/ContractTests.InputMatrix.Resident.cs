using System.Net;
using System.Net.Http.Json;
using System.Text;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    /// <summary>The resident's fields (JSON API and form) and the month query: a refusal leaves the token unspent.</summary>
    async Task ResidentVariantAsync(string field, string name, Func<string, string> vary, HttpStatusCode? refusal)
    {
        if (field == "query.month")
        {
            await AssertProblemAsync(await (await ClientAsync(Keys.Chief)).GetAsync($"/api/v1/stats/city?month={Uri.EscapeDataString(vary("2026-10"))}"), refusal!.Value, "month");
            return;
        }
        var c = await ContactAsync(await NeighborhoodAsync());
        var resident = await ClientAsync(null);
        var comment = name == "comment" ? vary("Kind officer") : "Kind officer";
        HttpResponseMessage response = field switch
        {
            "response.token" => await resident.PostAsJsonAsync("/api/v1/responses", new { token = vary(c.Token), answers = new { overall = 3 } }),
            "response.answerKey" => await resident.PostAsJsonAsync("/api/v1/responses", new { token = c.Token, answers = new Dictionary<string, int> { [vary("overall")] = 3 } }),
            "response.comment" => await resident.PostAsJsonAsync("/api/v1/responses", new { token = c.Token, answers = new { overall = 3 }, comment }),
            _ => await resident.PostAsync($"/s/{c.Token}", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["overall"] = name == "overall" ? vary("5") : "5", ["comment"] = comment })),
        };
        if (refusal is { } status)
        {
            Assert.Equal(status, response.StatusCode);
            if (field.StartsWith("response.")) await AssertProblemAsync(response, status, field == "response.comment" ? "comment" : null);
            Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM contacts WHERE id = @Id AND submitted_at IS NOT NULL", new { Id = c.ContactId }));
            Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync($"/s/{c.Token}")).StatusCode);
            return;
        }
        Assert.Equal(field.StartsWith("form.") ? HttpStatusCode.SeeOther : HttpStatusCode.Accepted, response.StatusCode);
        string? stored = null;
        await Eventually.TrueAsync(async () => (stored = await ScalarAsync("SELECT comment FROM responses WHERE contact_id = @Id", new { Id = c.ContactId })) is not null,
            TimeSpan.FromSeconds(30), "response stored");
        Assert.Equal(comment, stored); // a resident's words are kept as written
    }
}
