using System.Security.Claims;
using Dapper;
using Surveys.Api.Audit;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.Flags;

/// <summary>
/// Notes and status changes, for the IA API and the console alike. Each one and its audit row
/// commit together; a refused change is audited too (with its outcome) and changes nothing else.
/// </summary>
public static class FlagActions
{
    public enum Outcome { Done, NotFound, Invalid, Conflict }

    public const int MaxText = 4000;

    public sealed record Note(string Id, string FlagId, string Author, string Text, DateTimeOffset Created);

    public static string? TextProblem(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? $"{what} is required."
        : text.Length > MaxText ? $"{what} must be at most {MaxText} characters."
        : Validation.TextProblem(text) is { } problem ? $"{what} {problem}." : null;

    /// <summary>Reads a flag for display, audited: who read which flag, even when it was not theirs to read.</summary>
    public static async Task<FlagQueries.Detail?> ReadAsync(HttpContext context, Db db, string id, string action, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var detail = await FlagQueries.DetailAsync(connection, id);
        var visible = detail is not null && FlagWorkflow.CanSee(context.User, detail.Queue, detail.Neighborhood);
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, action, id, visible ? AuditLog.Success : detail is null ? AuditLog.NotFound : AuditLog.Denied), now);
        return visible ? detail : null;
    }

    public static async Task<(Outcome, Note?)> AddNoteAsync(HttpContext context, Db db, string id, string text, string action, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var flag = await FindAsync(connection, tx, id, context.User);
        if (flag is null)
        {
            await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, action, id, AuditLog.NotFound), now);
            await tx.CommitAsync();
            return (Outcome.NotFound, null);
        }
        var note = new Note(Guid.CreateVersion7(now).ToString(), id, AuditLog.Actor(context.User), text.Trim(), now);
        await connection.ExecuteAsync("INSERT INTO flag_notes (id, flag_id, author, text, created_at) VALUES (@Id, @FlagId, @Author, @Text, @At)",
            new { note.Id, note.FlagId, note.Author, note.Text, At = now.ToUnixTimeMilliseconds() }, tx);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, action, id, AuditLog.Success, $"note {note.Id}"), now);
        await tx.CommitAsync();
        return (Outcome.Done, note);
    }

    public static async Task<(Outcome, string? From)> ChangeStatusAsync(HttpContext context, Db db, string id, string to, string reason, string action, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var flag = await FindAsync(connection, tx, id, context.User);
        if (flag is null)
        {
            await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, action, id, AuditLog.NotFound, $"to {to}"), now);
            await tx.CommitAsync();
            return (Outcome.NotFound, null);
        }
        var (queue, from) = flag.Value;
        var outcome = !FlagWorkflow.Statuses(queue).Contains(to) ? Outcome.Invalid : !FlagWorkflow.CanMove(queue, from, to) ? Outcome.Conflict : Outcome.Done;
        // The WHERE on the old status makes a concurrent change lose cleanly instead of skipping a step.
        if (outcome == Outcome.Done && await connection.ExecuteAsync(
                "UPDATE flags SET status = @To, status_reason = @Reason, updated_at = @Now WHERE id = @Id AND status = @From",
                new { Id = id, To = to, From = from, Reason = reason.Trim(), Now = now.ToUnixTimeMilliseconds() }, tx) == 0)
            outcome = Outcome.Conflict;
        if (outcome == Outcome.Done)
            await connection.ExecuteAsync("""
                INSERT INTO flag_history (id, flag_id, from_status, to_status, reason, actor, at) VALUES (@HistoryId, @Id, @From, @To, @Reason, @Actor, @Now)
                """, new { HistoryId = Guid.CreateVersion7(now).ToString(), Id = id, From = from, To = to, Reason = reason.Trim(),
                    Actor = AuditLog.Actor(context.User), Now = now.ToUnixTimeMilliseconds() }, tx);
        var result = outcome == Outcome.Done ? AuditLog.Success : AuditLog.Rejected;
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, action, id, result, $"{from} -> {to}"), now);
        await tx.CommitAsync();
        return (outcome, from);
    }

    static async Task<(string Queue, string Status)?> FindAsync(System.Data.Common.DbConnection db, System.Data.Common.DbTransaction tx, string id, ClaimsPrincipal user)
    {
        var row = await db.QuerySingleOrDefaultAsync<(string Queue, string Status, string Neighborhood)>(
            "SELECT queue, status, neighborhood FROM flags WHERE id = @Id", new { Id = id }, tx);
        return row.Queue is not null && FlagWorkflow.CanSee(user, row.Queue, row.Neighborhood) ? (row.Queue, row.Status) : null;
    }
}
