using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.CommentReview;

/// <summary>
/// /api/v1/comment-reviews (roles chief, admin): the comments residents agreed to have quoted,
/// waiting for a person to approve the wording before a report prints them. Lists follow the
/// contract's Additions shape, <c>{ items, nextCursor }</c> with <c>?limit=</c> and <c>&amp;cursor=</c>.
/// </summary>
public static class CommentReviewsApi
{
    public sealed record ReviewSummary(string Id, string Neighborhood, string Month, DateTimeOffset StoredAt, string Status,
        string? DecidedBy, DateTimeOffset? DecidedAt);
    /// <summary><c>suggestion</c>: the comment with phone numbers, e-mail and street addresses removed; <c>quote</c>: the approved text, else null.</summary>
    public sealed record ReviewDetail(string Id, string Neighborhood, string Month, DateTimeOffset StoredAt, string Status, string Suggestion,
        string? Quote, string? DecidedBy, DateTimeOffset? DecidedAt);
    public sealed record ReviewPage(List<ReviewSummary> Items, string? NextCursor);
    public sealed record ApproveBody(string? Text);

    public static void MapCommentReviews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/comment-reviews").WithTags("Comment reviews").RequireAuthorization(AccessPolicies.CommandStaff);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/{id}/approve", Approve);
        group.MapPost("/{id}/reject", Reject);
    }

    static async Task<IResult> List(string? status, int? limit, string? cursor, HttpContext context, Db db, TimeProvider time)
    {
        var errors = new FieldErrors();
        if (status is not null && !CommentReviews.Statuses.Contains(status)) errors.Add("status", $"must be one of {string.Join(", ", CommentReviews.Statuses)}.");
        if (limit is < 1 or > 1000) errors.Add("limit", "must be from 1 to 1000.");
        CommentReviews.Cursor? after = null;
        if (cursor is not null && !CommentReviews.Cursor.TryParse(cursor, out after)) errors.Add("cursor", "is not a cursor this list returned.");
        if (errors.Count > 0) return Problems.Invalid(errors);

        var (items, next) = await CommentReviews.ListAsync(context, db, status ?? CommentReviews.Pending, after, limit ?? 100, time.GetUtcNow());
        return TypedResults.Ok(new ReviewPage(items.Select(i => new ReviewSummary(i.Id, i.Neighborhood, i.Month, Time(i.StoredAt), i.Status,
            i.DecidedBy, i.DecidedAt is { } d ? Time(d) : null)).ToList(), next?.ToString()));
    }

    static async Task<IResult> Get(string id, HttpContext context, Db db, TimeProvider time) =>
        View(id, await CommentReviews.ReadAsync(context, db, id, time.GetUtcNow()));

    static async Task<IResult> Approve(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<ApproveBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (CommentReviews.QuoteProblem(body!.Text) is { } problem) return Problems.Invalid(new FieldErrors { { "text", problem } });
        return View(id, await CommentReviews.DecideAsync(context, db, id, body.Text!, time.GetUtcNow()));
    }

    static async Task<IResult> Reject(string id, HttpContext context, Db db, TimeProvider time) =>
        View(id, await CommentReviews.DecideAsync(context, db, id, null, time.GetUtcNow()));

    // A comment that raised an IA flag answers exactly as one that does not exist.
    static IResult View(string id, CommentReviews.Item? i) => i is null ? Problems.NotFound($"No comment review '{id}'.")
        : TypedResults.Json(new ReviewDetail(i.Id, i.Neighborhood, i.Month, Time(i.StoredAt), i.Status, i.Suggestion, i.Quote, i.DecidedBy,
            i.DecidedAt is { } d ? Time(d) : null), FlagsApi.Escaped);

    static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
