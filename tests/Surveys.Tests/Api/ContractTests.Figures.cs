using System.Net;
using System.Text.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public abstract partial class ContractTests
{
    [ServerFact]
    public async Task Figures_match_hand_computed_values_for_a_known_month()
    {
        var nb = await NeighborhoodAsync();
        int[] overall = [5, 4, 4, 3, 5, 2, 4, 5, 1, 4, 3, 5];
        // A recent contact: a month past intake's cut-off would record these as late (Finality).
        // The contact's month in the agency's zone (New York) is the bucket.
        var occurred = DateTimeOffset.UtcNow.AddHours(-3);
        var month = Surveys.Rules.Months.Of(occurred, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var contacts = new List<Contact>();
        for (var i = 0; i < 14; i++) contacts.Add(await ContactAsync(nb, officers: ["2001"], occurredAt: occurred));
        for (var i = 0; i < overall.Length; i++)
        {
            var answers = new { overall = overall[i], respect = 5, voice = 4, fairness = 3, explanation = 4, trust = i < 9 ? 4 : (int?)null };
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(contacts[i].Token, answers)).StatusCode);
        }
        var s = await StatsWhenAsync($"/api/v1/stats/neighborhoods/{nb}?month={month}", 12);

        Assert.Equal("neighborhood", s.GetProperty("scope").GetString());
        Assert.Equal(nb, s.GetProperty("code").GetString());
        Assert.Equal(14, s.GetProperty("invitations").GetInt64());
        Assert.Equal(12, s.GetProperty("responses").GetInt64());
        Assert.Equal(0.8571, s.GetProperty("responseRate").GetDouble());
        Assert.True(s.GetProperty("preliminary").GetBoolean()); // its invitations have not expired yet
        var o = s.GetProperty("items").GetProperty("overall");
        Assert.Equal(12, o.GetProperty("n").GetInt64());
        Assert.Equal(3.75, o.GetProperty("mean").GetDouble());
        Assert.Equal([2.93, 4.57], o.GetProperty("ci95").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(0.6667, o.GetProperty("pctPositive").GetDouble());
        Assert.Equal([0.3906, 0.8619], o.GetProperty("pctPositiveCi95").EnumerateArray().Select(e => e.GetDouble()));
        Assert.False(o.GetProperty("suppressed").GetBoolean());
        // trust has 9 answers, below MinResponses (10): n kept, figures withheld, no index.
        var t = s.GetProperty("items").GetProperty("trust");
        Assert.Equal(9, t.GetProperty("n").GetInt64());
        Assert.True(t.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("trustIndex").ValueKind);
        Assert.Equal(75.0, s.GetProperty("proceduralJusticeIndex").GetDouble());

        var officer = await StatsAsync($"/api/v1/stats/officers/2001?month={month}");
        Assert.True(officer.GetProperty("responses").GetInt64() >= 12);
        var city = await StatsAsync($"/api/v1/stats/city?month={month}");
        Assert.Equal(JsonValueKind.Null, city.GetProperty("code").ValueKind);
        Assert.True(city.GetProperty("responses").GetInt64() >= 12);
    }

    [ServerFact]
    public async Task Lieutenant_sees_only_their_own_neighborhood()
    {
        await NeighborhoodAsync("N1");
        var other = await NeighborhoodAsync();
        var lt = await ClientAsync(Keys.LieutenantN1);
        Assert.Equal(HttpStatusCode.OK, (await lt.GetAsync("/api/v1/stats/neighborhoods/N1?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync($"/api/v1/stats/neighborhoods/{other}?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync("/api/v1/stats/neighborhoods/NOPE?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync("/api/v1/stats/city?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lt.GetAsync("/api/v1/stats/officers/1001?month=2026-10")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync(Keys.Intake)).GetAsync("/api/v1/stats/city")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await ClientAsync(null)).GetAsync("/api/v1/stats/city")).StatusCode);
    }

    [ServerFact]
    public async Task Stats_reject_a_bad_month_and_an_unknown_neighborhood()
    {
        var chief = await ClientAsync(Keys.Chief);
        await AssertProblemAsync(await chief.GetAsync("/api/v1/stats/city?month=2026-13"), HttpStatusCode.BadRequest, "month");
        await AssertProblemAsync(await chief.GetAsync("/api/v1/stats/neighborhoods/NOPE?month=2026-10"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await chief.GetAsync("/api/v1/stats/officers/NOPE?month=2026-10"), HttpStatusCode.NotFound);
    }

    [ServerFact]
    public async Task Empty_month_has_zero_counts_and_every_item_suppressed()
    {
        var nb = await NeighborhoodAsync();
        var s = await StatsAsync($"/api/v1/stats/neighborhoods/{nb}?month=2020-01");
        Assert.Equal(0, s.GetProperty("responses").GetInt64());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("responseRate").ValueKind);
        Assert.False(s.GetProperty("preliminary").GetBoolean());
        Assert.All(s.GetProperty("items").EnumerateObject(), i => Assert.True(i.Value.GetProperty("suppressed").GetBoolean()));
    }
}
