using Surveys.Data;
using Surveys.Reporting.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.CommentReview;

/// <summary>
/// /console/comment-reviews (chiefs and administrators): the queue of consented comments, each
/// shown as its redacted suggestion in a field the reviewer edits before approving, or rejects.
/// Messages travel as codes (?m=), never as text from the address.
/// </summary>
public static class CommentReviewPages
{
    public const string BasePath = "/console/comment-reviews";

    static readonly Dictionary<string, (string Text, bool Error)> Messages = new()
    {
        ["approved"] = ("Approved: the report quotes the text as you left it.", false),
        ["rejected"] = ("Rejected: the comment will not be quoted.", false),
        ["text-required"] = ($"Write the text to quote (at most {Comments.MaxPrintedLength} characters, no control characters).", true),
        ["gone"] = ("That comment is no longer in the review queue.", true),
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", List);
        group.MapGet("/{id}", Detail);
        group.MapPost("/{id}/approve", Approve);
        group.MapPost("/{id}/reject", Reject);
    }

    static async Task<IResult> List(HttpContext context, string? status, string? m, Db db, TimeProvider time)
    {
        if (status is null || !CommentReviews.Statuses.Contains(status)) status = CommentReviews.Pending;
        var (items, _) = await CommentReviews.ListAsync(context, db, status, null, 200, time.GetUtcNow());
        var tabs = "<p class=\"tabs\">" + string.Concat(CommentReviews.Statuses.Select(s =>
            $"<a href=\"{BasePath}?status={s}\"{(s == status ? " class=\"current\" aria-current=\"page\"" : "")}>{E(s)}</a>")) + "</p>";
        var rows = string.Concat(items.Select(i => $"""
            <tr><td><a href="{BasePath}/{Uri.EscapeDataString(i.Id)}">{When(i.StoredAt)}</a></td><td>{E(i.Neighborhood)}</td><td>{E(i.Month)}</td>
            <td>{Status(i.Status)}</td><td>{(i.DecidedBy is null ? "" : $"{E(i.DecidedBy)}, {When(i.DecidedAt!.Value)}")}</td></tr>
            """));
        var table = items.Count == 0 ? "<p>Nothing here.</p>"
            : $"<table><thead><tr><th>Received</th><th>Neighborhood</th><th>Month</th><th>Status</th><th>Decided</th></tr></thead><tbody>{rows}</tbody></table>";
        var intro = "<p class=\"muted\">Residents agreed to have these comments quoted in their neighborhood's report. Nothing is quoted until you approve "
            + "its wording. Comments that raised an internal-affairs flag never appear here.</p>";
        return Page(context, "Comment review", MessageFor(m) + intro + tabs + table);
    }

    static async Task<IResult> Detail(HttpContext context, string id, string? m, Db db, TimeProvider time)
    {
        var item = await CommentReviews.ReadAsync(context, db, id, time.GetUtcNow());
        if (item is null) return Page(context, "Not found", $"<p>There is no such comment to review. <a href=\"{BasePath}\">Back to the queue</a>.</p>", 404);
        var path = $"{BasePath}/{Uri.EscapeDataString(item.Id)}";
        var decided = item.DecidedBy is null ? "" : $"<dt>Decided</dt><dd>{E(item.DecidedBy)}, {When(item.DecidedAt!.Value)}</dd>";
        var body = $"""
            <p><a href="{BasePath}">← Comment review</a></p>
            <dl><dt>Status</dt><dd>{Status(item.Status)}</dd><dt>Neighborhood</dt><dd>{E(item.Neighborhood)}</dd>
            <dt>Month</dt><dd>{E(item.Month)}</dd><dt>Received</dt><dd>{When(item.StoredAt)}</dd>{decided}</dl>
            """;
        var approve = Form(context, $"{path}/approve", $"""
            <label for="text">Text to quote</label>
            <p class="muted" id="text-help">Phone numbers, e-mail and street addresses were removed automatically. Remove names and anything else
            that could identify the resident or someone else, e.g. "[name removed]". At most {Comments.MaxPrintedLength} characters.</p>
            <textarea id="text" name="text" rows="6" maxlength="{Comments.MaxPrintedLength}" required aria-describedby="text-help">{E(item.Quote ?? item.Suggestion)}</textarea>
            <button type="submit">Approve for quoting</button>
            """);
        var reject = Form(context, $"{path}/reject", "<button type=\"submit\" class=\"secondary\">Reject: never quote</button>");
        return Page(context, "Review a comment", MessageFor(m) + body + "<h2>Wording</h2>" + approve + reject);
    }

    static async Task<IResult> Approve(HttpContext context, string id, Db db, TimeProvider time)
    {
        var text = (await context.Request.ReadFormAsync(context.RequestAborted))["text"].ToString();
        var path = $"{BasePath}/{Uri.EscapeDataString(id)}";
        if (CommentReviews.QuoteProblem(text) is not null) return SeeOther($"{path}?m=text-required");
        var item = await CommentReviews.DecideAsync(context, db, id, text, time.GetUtcNow());
        return SeeOther(item is null ? $"{BasePath}?m=gone" : $"{BasePath}?m=approved");
    }

    static async Task<IResult> Reject(HttpContext context, string id, Db db, TimeProvider time)
    {
        var item = await CommentReviews.DecideAsync(context, db, id, null, time.GetUtcNow());
        return SeeOther(item is null ? $"{BasePath}?m=gone" : $"{BasePath}?m=rejected");
    }

    static string MessageFor(string? code) => code is not null && Messages.TryGetValue(code, out var m) ? Message(m.Text, m.Error) : "";
}
