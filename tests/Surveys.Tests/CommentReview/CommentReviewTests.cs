using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reporting;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.CommentReview;

public sealed class CommentReviewFixture : IAsyncLifetime
{
    public SurveysApp App { get; } = SurveysApp.Embedded();
    public Task InitializeAsync() => App.WaitReadyAsync();
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The way from a resident's consent to a printed quote, end to end through intake, the resident
/// API, the worker, the review API and the rendered PDF (read back with pdftotext).
/// </summary>
public sealed class CommentReviewTests(CommentReviewFixture fixture) : IClassFixture<CommentReviewFixture>
{
    const string Allegation = "Officer 1002 shoved me against the car and took cash from my wallet";
    SurveysApp App => fixture.App;

    [Fact]
    public async Task An_allegation_shared_with_consent_goes_to_internal_affairs_only_never_to_review_or_the_report()
    {
        var hood = await NeighborhoodAsync(App);
        await OfficerAsync(App, "1002", "Officer Vance");
        var alleged = await ResponseIdAsync(await RespondAsync(App, hood, new { overall = 1 }, Allegation, share: true, officers: ["1002"]));
        var benign = await ResponseIdAsync(await RespondAsync(App, hood, new { overall = 5 }, "Quick and polite, thank you.", share: true));

        Assert.NotNull(await ScalarAsync<string?>(App, "SELECT id FROM flags WHERE response_id = @Id AND queue = 'ia'", new { Id = alleged }));
        var queue = await AllPendingAsync();
        Assert.Contains(benign, queue);
        Assert.DoesNotContain(alleged, queue);
        var chief = App.Client(Keys.Chief);
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/api/v1/comment-reviews/{alleged}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chief.PostAsJsonAsync($"/api/v1/comment-reviews/{alleged}/approve", new { text = Allegation })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsJsonAsync($"/api/v1/comment-reviews/{benign}/approve", new { text = "Quick and polite, thank you." })).StatusCode);
        var pdf = await ReportTextAsync(hood, alleged, "review-allegation");
        Assert.Contains("“Quick and polite, thank you.”", pdf); // the report does quote approved comments
        Assert.DoesNotContain("shoved", pdf);
        Assert.DoesNotContain("wallet", pdf);
    }

    [Fact]
    public async Task A_comment_is_quoted_only_once_approved_exactly_as_edited_and_no_longer_once_rejected()
    {
        var hood = await NeighborhoodAsync(App);
        var id = await ResponseIdAsync(await RespondAsync(App, hood, new { overall = 4 },
            "Officer Reyes helped. Call 86O-555-O1OO or maria dot gonzalez at gmail dot com.", share: true));
        var chief = App.Client(Keys.Chief);

        var item = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/comment-reviews/{id}");
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal("Officer Reyes helped. Call [phone removed] or [e-mail removed].", item.GetProperty("suggestion").GetString());
        Assert.DoesNotContain("Officer Reyes", await ReportTextAsync(hood, id, "review-pending"));

        var bad = await chief.PostAsJsonAsync($"/api/v1/comment-reviews/{id}/approve", new { text = new string('x', 701) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"text\"", await bad.Content.ReadAsStringAsync());
        var approved = await chief.PostAsJsonAsync($"/api/v1/comment-reviews/{id}/approve", new { text = " Officer [name removed] helped.\n  Call [phone removed]. " });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Officer [name removed] helped. Call [phone removed].", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quote").GetString());
        var quoted = await ReportTextAsync(hood, id, "review-approved");
        Assert.Contains("“Officer [name removed] helped. Call [phone removed].”", quoted);
        Assert.DoesNotContain("Reyes", quoted);

        Assert.Equal(HttpStatusCode.OK, (await chief.PostAsync($"/api/v1/comment-reviews/{id}/reject", null)).StatusCode);
        Assert.DoesNotContain("[name removed] helped", await ReportTextAsync(hood, id, "review-rejected"));

        var audit = await AuditAsync(App, id);
        Assert.Equal(new[] { "comment-review.read", "comment-review.approve", "comment-review.reject" }, audit.Select(a => a.Action).Distinct());
        Assert.All(audit, a => Assert.Equal(Keys.Chief, a.Actor));
        Assert.Contains(audit, a => a is { Action: "comment-review.approve", Outcome: "success" });
        Assert.Contains(audit, a => a is { Action: "comment-review.reject", Outcome: "success" });
    }

    [Fact]
    public async Task The_queue_pages_with_limit_and_cursor_and_refuses_a_bad_cursor()
    {
        var hood = await NeighborhoodAsync(App);
        foreach (var n in new[] { 1, 2, 3 }) await RespondAsync(App, hood, new { overall = 4 }, $"Paging comment {n}", share: true);
        var admin = App.Client(Keys.Admin);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/comment-reviews?limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= 3);

        var bad = await admin.GetAsync("/api/v1/comment-reviews?cursor=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"cursor\"", await bad.Content.ReadAsStringAsync());
        Assert.Contains(await AuditAsync(App), a => a.Action == "comment-review.list" && a.Actor == Keys.Admin);
    }

    async Task<List<string>> AllPendingAsync()
    {
        var page = await App.Client(Keys.Admin).GetFromJsonAsync<JsonElement>("/api/v1/comment-reviews?limit=1000");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    Task<string> ResponseIdAsync(string contactId) => ScalarAsync<string>(App, "SELECT id FROM responses WHERE contact_id = @Id", new { Id = contactId });

    /// <summary>The neighborhood's report for the month the response counts in, as a lieutenant of it would download it.</summary>
    async Task<string> ReportTextAsync(string hood, string responseId, string name)
    {
        var month = await ScalarAsync<string>(App, "SELECT month FROM responses WHERE id = @Id", new { Id = responseId });
        var response = await App.Client(Keys.Chief).GetAsync($"/api/v1/reports/neighborhoods/{hood}?month={month}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PdfTools.TextAsync(await response.Content.ReadAsByteArrayAsync(), name);
    }
}
