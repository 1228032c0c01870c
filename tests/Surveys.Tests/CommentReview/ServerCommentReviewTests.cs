using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reporting;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.CommentReview;

/// <summary>The review queue in Server mode: the worker as its own process on RabbitMQ, PostgreSQL's SQL texts.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class ServerCommentReviewTests(ServersFixture servers)
{
    [ServerFact]
    public async Task On_postgres_the_worker_queues_only_comments_without_an_ia_flag_and_the_report_quotes_only_approved_text()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var hood = await NeighborhoodAsync(app);
        var alleged = await ScalarAsync<string>(app, "SELECT id FROM responses WHERE contact_id = @Id", new
        {
            Id = await RespondAsync(app, hood, new { overall = 1 }, "Officer 1001 took my cash and never gave back my phone", share: true),
        });
        var benign = await ScalarAsync<string>(app, "SELECT id FROM responses WHERE contact_id = @Id", new
        {
            Id = await RespondAsync(app, hood, new { overall = 5 }, "Kind and calm, call me at 86O-555-O1OO", share: true),
        });
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM comment_reviews WHERE response_id = @Id", new { Id = alleged }));

        var chief = app.Client(Keys.Chief);
        var page = await chief.GetFromJsonAsync<JsonElement>("/api/v1/comment-reviews?limit=1000");
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(benign, ids);
        Assert.DoesNotContain(alleged, ids);
        var item = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/comment-reviews/{benign}");
        Assert.Equal("Kind and calm, call me at [phone removed]", item.GetProperty("suggestion").GetString());
        var month = await ScalarAsync<string>(app, "SELECT month FROM responses WHERE id = @Id", new { Id = benign });
        async Task<string> Report(string name) => await PdfTools.TextAsync(
            await chief.GetByteArrayAsync($"/api/v1/reports/neighborhoods/{hood}?month={month}"), name);
        Assert.DoesNotContain("Kind and calm", await Report("pg-review-pending"));

        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/v1/comment-reviews/{benign}/approve", new { text = "Kind and calm." })).StatusCode);
        var quoted = await Report("pg-review-approved");
        Assert.Contains("“Kind and calm.”", quoted);
        Assert.DoesNotContain("cash", quoted);
        Assert.Contains(await AuditAsync(app, benign), a => a is { Action: "comment-review.approve", Outcome: "success" });
    }
}
