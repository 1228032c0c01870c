using System.Net;
using System.Net.Http.Json;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public sealed class ResidentRateLimitTests
{
    [Fact]
    public async Task Resident_endpoints_answer_429_past_the_per_client_limit_and_staff_endpoints_do_not()
    {
        await using var app = SurveysApp.Embedded(new() { ["Surveys:ResidentRateLimit:PermitsPerMinute"] = "3" });
        await app.WaitReadyAsync();
        var resident = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await resident.GetAsync("/s/not-a-token")).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));

        var limited = await resident.PostAsJsonAsync("/api/v1/responses", new { token = "x", answers = new { overall = 3 } });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident.GetAsync("/s/not-a-token")).StatusCode);
        // The limit is the resident endpoints' own: staff calls from the same address go through.
        Assert.Equal(HttpStatusCode.OK, (await app.Client(Keys.Admin).GetAsync("/api/v1/neighborhoods")).StatusCode);
    }
}
