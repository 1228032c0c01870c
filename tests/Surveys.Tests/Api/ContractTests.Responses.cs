using System.Net;
using System.Net.Http.Json;
using System.Text;
using Surveys.Security;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    [ServerFact]
    public async Task Answer_is_accepted_once_then_the_token_is_spent()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var first = await SubmitAsync(c.Token, new { overall = 4, respect = 5 }, "Thank you");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True(Guid.TryParse((await first.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["receiptId"], out _));
        await AssertProblemAsync(await SubmitAsync(c.Token, new { overall = 1 }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await (await ClientAsync(null)).GetAsync($"/s/{c.Token}")).StatusCode);
    }

    [ServerTheory]
    [InlineData("""{"overall": 6}""", "answers.overall")]
    [InlineData("""{"overall": 0}""", "answers.overall")]
    [InlineData("""{"overall": 4.5}""", "answers.overall")]
    [InlineData("""{"respect": 4}""", "answers.overall")]
    [InlineData("""{"overall": 4, "mood": 3}""", "answers.mood")]
    public async Task Invalid_answers_are_400_and_leave_the_token_usable(string answers, string field)
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var body = $$"""{"token": "{{c.Token}}", "answers": {{answers}} }""";
        await AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(c.Token, new { overall = 3 })).StatusCode);
    }

    [ServerFact]
    public async Task Comment_too_long_or_with_NUL_is_rejected()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        await AssertProblemAsync(await SubmitAsync(c.Token, new { overall = 3 }, new string('a', 2001)), HttpStatusCode.BadRequest, "comment");
        await AssertProblemAsync(await SubmitAsync(c.Token, new { overall = 3 }, "a\0b"), HttpStatusCode.BadRequest, "comment");
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(c.Token, new { overall = 3 }, new string('a', 2000))).StatusCode);
    }

    [ServerFact]
    public async Task Unknown_top_level_field_is_rejected_by_name()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        await AssertProblemAsync(await PostRawAsync($$"""{"token": "{{c.Token}}", "answers": {"overall": 3}, "rating": 5}"""), HttpStatusCode.BadRequest, "rating");
    }

    [ServerFact]
    public async Task Body_over_16_KiB_is_413_and_non_JSON_is_415()
    {
        var big = $$"""{"token": "x", "answers": {"overall": 3}, "comment": "{{new string('a', 17 * 1024)}}"}""";
        await AssertProblemAsync(await PostRawAsync(big), HttpStatusCode.RequestEntityTooLarge);
        var text = await (await ClientAsync(null)).PostAsync("/api/v1/responses", new StringContent("overall=3", Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
    }

    [ServerFact]
    public async Task Forged_altered_and_expired_tokens_are_404_404_and_410()
    {
        var c = await ContactAsync(await NeighborhoodAsync());
        var altered = c.Token[..10] + (c.Token[10] == 'A' ? 'B' : 'A') + c.Token[11..];
        await AssertProblemAsync(await SubmitAsync(altered, new { overall = 3 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SubmitAsync(new string('A', 43), new { overall = 3 }), HttpStatusCode.NotFound);
        var expired = (await AppAsync()).Service<TokenCodec>().Encode("AAAAAAAAAAAAAAAAAAAAAA", DateTimeOffset.UtcNow.AddDays(-1));
        await AssertProblemAsync(await SubmitAsync(expired, new { overall = 3 }), HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, (await (await ClientAsync(null)).GetAsync($"/s/{expired}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync(null)).GetAsync($"/s/{altered}")).StatusCode);
        // The original is untouched by all of that.
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(c.Token, new { overall = 3 })).StatusCode);
    }

    [ServerFact]
    public async Task Fifty_concurrent_submits_of_one_token_give_one_202_and_one_stored_response()
    {
        var nb = await NeighborhoodAsync();
        var c = await ContactAsync(nb);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SubmitAsync(c.Token, new { overall = 5 })));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(49, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        // A later answer from another contact: once it is counted, anything the 50 queued has been too.
        var later = await ContactAsync(nb);
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(later.Token, new { overall = 1 })).StatusCode);
        var stats = await StatsWhenAsync($"/api/v1/stats/neighborhoods/{nb}?month={Months(c)}", 2);
        Assert.Equal(2, stats.GetProperty("responses").GetInt64());
        Assert.Equal(2, stats.GetProperty("items").GetProperty("overall").GetProperty("n").GetInt64());
    }

    async Task<HttpResponseMessage> PostRawAsync(string json) =>
        await (await ClientAsync(null)).PostAsync("/api/v1/responses", new StringContent(json, Encoding.UTF8, "application/json"));
}
