using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Surveys.Api.Audit;
using Surveys.Data;
using Surveys.Reporting.Data;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Api.CommentReview;

/// <summary>
/// The review queue between a resident's consent and a printed quote, for the API and the console
/// alike. A reviewer sees only the automatically redacted suggestion (never the raw comment) and
/// approves it, edited, or rejects it; every list, read and decision is audited. A comment that
/// raised an IA flag is invisible here, whatever its row says.
/// </summary>
public static partial class CommentReviews
{
    public const string Pending = "pending", Approved = "approved", Rejected = "rejected";
    public static readonly string[] Statuses = [Pending, Approved, Rejected];
    public const string ListAction = "comment-review.list", ReadAction = "comment-review.read",
        ApproveAction = "comment-review.approve", RejectAction = "comment-review.reject";

    public sealed record Summary(string Id, string Neighborhood, string Month, long StoredAt, string Status, long CreatedAt, string? DecidedBy, long? DecidedAt);

    public sealed record Item(string Id, string Neighborhood, string Month, long StoredAt, string Status, string Suggestion, string? Quote,
        string? DecidedBy, long? DecidedAt);

    sealed record Row(string Id, string Neighborhood, string Month, long StoredAt, string Status, string? Quote, string? DecidedBy, long? DecidedAt, string Comment);

    /// <summary>A position in the queue: the last row's (created_at, id); opaque to clients.</summary>
    public sealed record Cursor(long CreatedAt, string Id)
    {
        public override string ToString() => $"{CreatedAt}.{Id}";

        public static bool TryParse(string text, out Cursor? cursor)
        {
            var dot = text.IndexOf('.');
            cursor = dot > 0 && long.TryParse(text[..dot], out var at) && dot < text.Length - 1 ? new Cursor(at, text[(dot + 1)..]) : null;
            return cursor is not null;
        }
    }

    /// <summary>Oldest first (a queue), <paramref name="limit"/> at a time; the cursor is null after the last page.</summary>
    public static async Task<(List<Summary> Items, Cursor? Next)> ListAsync(HttpContext context, Db db, string status, Cursor? after, int limit, DateTimeOffset now)
    {
        const string sql = """
            SELECT cr.response_id AS Id, cr.neighborhood, cr.month, cr.stored_at AS StoredAt, cr.status, cr.created_at AS CreatedAt,
                   cr.decided_by AS DecidedBy, cr.decided_at AS DecidedAt
            FROM comment_reviews cr
            WHERE cr.status = @Status
              AND (@AfterAt IS NULL OR cr.created_at > @AfterAt OR (cr.created_at = @AfterAt AND cr.response_id > @AfterId))
              AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.response_id = cr.response_id AND f.queue = 'ia')
            ORDER BY cr.created_at, cr.response_id
            LIMIT @Take
            """;
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var rows = (await connection.QueryAsync<Summary>(sql, new { Status = status, AfterAt = after?.CreatedAt, AfterId = after?.Id, Take = limit + 1 })).ToList();
        var next = rows.Count > limit ? new Cursor(rows[limit - 1].CreatedAt, rows[limit - 1].Id) : null;
        if (rows.Count > limit) rows.RemoveAt(limit);
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, ListAction, null, AuditLog.Success, $"{status}: {rows.Count} item(s)"), now);
        return (rows, next);
    }

    /// <summary>One comment for review, audited (also when there is none to see); null when not found or IA's.</summary>
    public static async Task<Item?> ReadAsync(HttpContext context, Db db, string id, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var item = await LoadAsync(connection, null, id);
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, ReadAction, id, item is null ? AuditLog.NotFound : AuditLog.Success), now);
        return item;
    }

    /// <summary>Approves <paramref name="quote"/> (already checked with <see cref="QuoteProblem"/>) or, when null, rejects; audited with the decision.</summary>
    public static Task<Item?> DecideAsync(HttpContext context, Db db, string id, string? quote, DateTimeOffset now) =>
        DecideAsync(db, id, quote, AuditLog.Actor(context.User), (action, outcome, detail) => AuditLog.For(context, action, id, outcome, detail), now,
            context.RequestAborted);

    /// <summary>The same for a caller outside a request (the demo), which names its own actor and audit entry.</summary>
    public static async Task<Item?> DecideAsync(Db db, string id, string? quote, string actor, Func<string, string, string?, AuditLog.Entry> audit,
        DateTimeOffset now, CancellationToken ct)
    {
        // The IA test sits in the UPDATE itself: no approval can slip in between a check and a write.
        const string sql = """
            UPDATE comment_reviews SET status = @Status, quote = @Quote, decided_by = @Actor, decided_at = @Now
            WHERE response_id = @Id AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.response_id = @Id AND f.queue = 'ia')
            """;
        var (status, action) = quote is null ? (Rejected, RejectAction) : (Approved, ApproveAction);
        var text = quote is null ? null : Normalize(quote);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var changed = await connection.ExecuteAsync(sql, new { Id = id, Status = status, Quote = text, Actor = actor, Now = now.ToUnixTimeMilliseconds() }, tx);
        // A length, never the words: the audit log holds no resident's text.
        await AuditLog.WriteAsync(connection, tx, audit(action, changed == 1 ? AuditLog.Success : AuditLog.NotFound, text is null ? null : $"{text.Length} characters"), now);
        var item = changed == 1 ? await LoadAsync(connection, tx, id) : null;
        await tx.CommitAsync(ct);
        return item;
    }

    /// <summary>Why a reviewer's text cannot be quoted, or null: required, at most what a report prints, typed text only.</summary>
    public static string? QuoteProblem(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "is required."
        : Normalize(text).Length > Comments.MaxPrintedLength ? $"must be at most {Comments.MaxPrintedLength} characters."
        : Validation.TextProblem(text) is { } problem ? $"{problem}." : null;

    /// <summary>What is stored and printed: one line, runs of white space made one space.</summary>
    public static string Normalize(string text) => WhiteSpace().Replace(text, " ").Trim();

    static async Task<Item?> LoadAsync(DbConnection connection, DbTransaction? tx, string id)
    {
        const string sql = """
            SELECT cr.response_id AS Id, cr.neighborhood, cr.month, cr.stored_at AS StoredAt, cr.status, cr.quote,
                   cr.decided_by AS DecidedBy, cr.decided_at AS DecidedAt, r.comment
            FROM comment_reviews cr JOIN responses r ON r.id = cr.response_id
            WHERE cr.response_id = @Id AND r.share_comment
              AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.response_id = cr.response_id AND f.queue = 'ia')
            """;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(sql, new { Id = id }, tx);
        return row is null ? null : new Item(row.Id, row.Neighborhood, row.Month, row.StoredAt, row.Status,
            Redaction.ForPrint(row.Comment, Comments.MaxPrintedLength), row.Quote, row.DecidedBy, row.DecidedAt);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
