using System.Data.Common;
using Dapper;
using Surveys.Api.Audit;
using Surveys.Data;
using Surveys.Security;

namespace Surveys.Api.FollowUps;

/// <summary>
/// Reads, notes, status changes and the phone reveal, for the API and the console alike. Each one
/// and its audit row commit together; a refused attempt is audited too and changes nothing else.
/// </summary>
public static class FollowUpActions
{
    public enum Outcome { Done, NotFound, Forbidden, Conflict, Gone }

    public sealed record Note(string Id, string Author, string Text, DateTimeOffset Created);

    public static readonly string[] Outcomes = ["resolved", "referred", "unreachable", "declined"];

    /// <summary>One request for display, audited: who read which request, also when it was not theirs.</summary>
    public static async Task<(Outcome, FollowUpQueries.Detail?)> ReadAsync(HttpContext context, Db db, string id, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var d = await FollowUpQueries.DetailAsync(connection, id);
        var outcome = d is null ? Outcome.NotFound : FollowUpAccess.CanWork(context.User, d.Neighborhood) ? Outcome.Done : Outcome.Forbidden;
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, "follow-up.read", id, Result(outcome)), now);
        return (outcome, outcome == Outcome.Done ? d : null);
    }

    /// <summary>The resident's number, decrypted for this one answer, only while the request is being worked.</summary>
    public static async Task<(Outcome, string?)> RevealPhoneAsync(HttpContext context, Db db, PhoneProtector phones, string id, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<(string Neighborhood, string Status, string? PhoneEnc)>("""
            SELECT f.neighborhood, f.status, c.phone_enc FROM follow_ups f JOIN contacts c ON c.id = f.contact_id WHERE f.id = @Id
            """, new { Id = id });
        var outcome = row.Neighborhood is null ? Outcome.NotFound
            : !FollowUpAccess.CanReveal(context.User, row.Neighborhood) ? Outcome.Forbidden
            : row.Status == FollowUpQueries.Closed || row.PhoneEnc is null ? Outcome.Gone : Outcome.Done;
        var detail = outcome == Outcome.Gone ? (row.PhoneEnc is null ? "number erased (retention)" : "request closed") : null;
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, "follow-up.phone", id, Result(outcome), detail), now);
        return (outcome, outcome == Outcome.Done ? phones.Decrypt(row.PhoneEnc!) : null);
    }

    public static async Task<(Outcome, Note?)> AddNoteAsync(HttpContext context, Db db, string id, string text, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (outcome, _) = await FindAsync(connection, tx, context, id);
        var noteId = Guid.CreateVersion7(now).ToString();
        if (outcome == Outcome.Done)
            await connection.ExecuteAsync("INSERT INTO follow_up_notes (id, follow_up_id, author, text, created_at) VALUES (@Id, @FollowUpId, @Author, @Text, @At)",
                new { Id = noteId, FollowUpId = id, Author = AuditLog.Actor(context.User), Text = text.Trim(), At = now.ToUnixTimeMilliseconds() }, tx);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "follow-up.note", id, Result(outcome), outcome == Outcome.Done ? $"note {noteId}" : null), now);
        await tx.CommitAsync();
        return (outcome, outcome == Outcome.Done ? new Note(noteId, AuditLog.Actor(context.User), text.Trim(), now) : null);
    }

    /// <summary>open → contacted → closed, or open → closed. Closing as resolved or referred queues the resident's closing text.</summary>
    public static async Task<(Outcome, string? From)> ChangeStatusAsync(HttpContext context, Db db, string id, string to, string? outcomeName, string? note,
        bool notifyResident, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (outcome, from) = await FindAsync(connection, tx, context, id);
        if (outcome == Outcome.Done && !(from == FollowUpQueries.Open || (from == FollowUpQueries.Contacted && to == FollowUpQueries.Closed)))
            outcome = Outcome.Conflict;
        var at = now.ToUnixTimeMilliseconds();
        // Reaching the resident is what counts: a direct close as resolved or referred was a contact; unreachable or declined never is.
        const string updateSql = """
            UPDATE follow_ups SET status = @To, outcome = @Outcome, updated_at = @Now,
                   contacted_at = CASE WHEN contacted_at IS NULL AND (@To = 'contacted' OR @Outcome IN ('resolved', 'referred')) THEN @Now ELSE contacted_at END,
                   closed_at = CASE WHEN @To = 'closed' THEN @Now ELSE closed_at END
            WHERE id = @Id AND status = @From
            """;
        // The WHERE on the old status makes a concurrent change lose cleanly instead of skipping a step.
        if (outcome == Outcome.Done && await connection.ExecuteAsync(updateSql, new { Id = id, To = to, Outcome = outcomeName, From = from, Now = at }, tx) == 0)
            outcome = Outcome.Conflict;
        if (outcome == Outcome.Done)
        {
            await connection.ExecuteAsync("""
                INSERT INTO follow_up_history (id, follow_up_id, from_status, to_status, outcome, note, actor, at)
                VALUES (@HistoryId, @Id, @From, @To, @Outcome, @Note, @Actor, @Now)
                """, new { HistoryId = Guid.CreateVersion7(now).ToString(), Id = id, From = from, To = to, Outcome = outcomeName,
                    Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Actor = AuditLog.Actor(context.User), Now = at }, tx);
            if (notifyResident && outcomeName is "resolved" or "referred")
                await connection.ExecuteAsync("""
                    INSERT INTO follow_up_texts (follow_up_id, kind, status, created_at) VALUES (@Id, 'closed', 'pending', @Now)
                    ON CONFLICT (follow_up_id, kind) DO NOTHING
                    """, new { Id = id, Now = at }, tx);
        }
        var result = outcome == Outcome.Conflict ? AuditLog.Rejected : Result(outcome);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "follow-up.status", id, result, $"{from} -> {to}{(outcomeName is null ? "" : $" ({outcomeName})")}"), now);
        await tx.CommitAsync();
        return (outcome, from);
    }

    static async Task<(Outcome, string? Status)> FindAsync(DbConnection db, DbTransaction tx, HttpContext context, string id)
    {
        var row = await db.QuerySingleOrDefaultAsync<(string Neighborhood, string Status)>(
            "SELECT neighborhood, status FROM follow_ups WHERE id = @Id", new { Id = id }, tx);
        return row.Neighborhood is null ? (Outcome.NotFound, null)
            : FollowUpAccess.CanWork(context.User, row.Neighborhood) ? (Outcome.Done, row.Status) : (Outcome.Forbidden, null);
    }

    public static string Result(Outcome o) => o switch
    {
        Outcome.Done => AuditLog.Success,
        Outcome.NotFound => AuditLog.NotFound,
        Outcome.Forbidden => AuditLog.Denied,
        _ => AuditLog.Rejected,
    };
}
