using System.Data.Common;
using System.Globalization;
using Dapper;
using Surveys.Api.Audit;
using Surveys.Data;
using static Surveys.Api.FollowUps.FollowUpActions;

namespace Surveys.Api.ProblemSolving;

/// <summary>
/// Stage moves, actions and the public title, for the API and the console alike. Each change and
/// its audit row commit together; a refused change is audited and changes nothing else.
/// </summary>
public static class ProblemChanges
{
    /// <summary>One stage forward, or back one with a note; entering response from analysis dates the response (agency zone).</summary>
    public static async Task<(Outcome, string? From, string? Why)> MoveAsync(HttpContext context, Db db, string id, string to, string? note,
        DateTimeOffset now, TimeZoneInfo zone)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (outcome, row) = await FindAsync(connection, tx, context, id);
        var why = outcome == Outcome.Done ? ProblemRules.MoveProblem(row.Stage, to, note) : null;
        if (why is not null) outcome = Outcome.Conflict;
        var started = row.Stage == ProblemRules.Analysis && to == ProblemRules.Response
            ? ProblemRules.Today(now, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : row.ResponseStartedOn;
        // The WHERE on the old stage makes the second of two concurrent moves lose (409) instead of skipping a stage.
        if (outcome == Outcome.Done && await connection.ExecuteAsync(
                "UPDATE problems SET stage = @To, response_started_on = @Started, updated_at = @Now WHERE id = @Id AND stage = @From",
                new { Id = id, To = to, From = row.Stage, Started = started, Now = now.ToUnixTimeMilliseconds() }, tx) == 0)
            (outcome, why) = (Outcome.Conflict, "The problem changed stage meanwhile; reload it and try again.");
        if (outcome == Outcome.Done) await HistoryAsync(connection, tx, id, row.Stage, to, note, AuditLog.Actor(context.User), now);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "problem.stage", id, Result(outcome), $"{row.Stage} -> {to}"), now);
        await tx.CommitAsync();
        return (outcome, row.Stage, why);
    }

    public static async Task<(Outcome, string? ActionId)> AddActionAsync(HttpContext context, Db db, string id, string text, string owner, string dueOn, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (outcome, row) = await FindAsync(connection, tx, context, id);
        if (outcome == Outcome.Done && row.Stage == ProblemRules.Closed) outcome = Outcome.Conflict;
        var actionId = Guid.CreateVersion7(now).ToString();
        if (outcome == Outcome.Done)
            await connection.ExecuteAsync("""
                INSERT INTO problem_actions (id, problem_id, text, owner, due_on, status, created_by, created_at, updated_at)
                VALUES (@ActionId, @Id, @Text, @Owner, @DueOn, 'open', @Actor, @Now, @Now)
                """, new { ActionId = actionId, Id = id, Text = text.Trim(), Owner = owner.Trim(), DueOn = dueOn, Actor = AuditLog.Actor(context.User),
                    Now = now.ToUnixTimeMilliseconds() }, tx);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "problem.action", id, Result(outcome), outcome == Outcome.Done ? $"action {actionId}" : null), now);
        await tx.CommitAsync();
        return (outcome, outcome == Outcome.Done ? actionId : null);
    }

    /// <summary>open → done or dropped, once; never on a closed problem.</summary>
    public static async Task<Outcome> EndActionAsync(HttpContext context, Db db, string id, string actionId, string status, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (outcome, row) = await FindAsync(connection, tx, context, id);
        var current = outcome == Outcome.Done
            ? await connection.QuerySingleOrDefaultAsync<string?>("SELECT status FROM problem_actions WHERE id = @ActionId AND problem_id = @Id", new { ActionId = actionId, Id = id }, tx)
            : null;
        if (outcome == Outcome.Done && current is null) outcome = Outcome.NotFound;
        else if (outcome == Outcome.Done && (current != "open" || row.Stage == ProblemRules.Closed)) outcome = Outcome.Conflict;
        var at = now.ToUnixTimeMilliseconds();
        if (outcome == Outcome.Done && await connection.ExecuteAsync(
                "UPDATE problem_actions SET status = @Status, updated_at = @Now, closed_at = @Now WHERE id = @ActionId AND status = 'open'",
                new { ActionId = actionId, Status = status, Now = at }, tx) == 0)
            outcome = Outcome.Conflict;
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "problem.action-status", id, Result(outcome), $"action {actionId} -> {status}"), now);
        await tx.CommitAsync();
        return outcome;
    }

    /// <summary>A chief or admin sets the public title, or approves the one stored (null): the only text of a problem public pages show.</summary>
    public static async Task<(Outcome, string? Title)> ApproveTitleAsync(HttpContext context, Db db, string id, string? title, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (outcome, row) = await FindAsync(connection, tx, context, id);
        if (outcome == Outcome.Done && !ProblemRules.IsCommand(context.User)) outcome = Outcome.Forbidden;
        var stored = title?.Trim() ?? row.PublicTitle;
        if (outcome == Outcome.Done && stored is null) outcome = Outcome.Gone; // nothing to approve
        if (outcome == Outcome.Done)
            await connection.ExecuteAsync("UPDATE problems SET public_title = @Title, public_title_approved_by = @Actor, updated_at = @Now WHERE id = @Id",
                new { Id = id, Title = stored, Actor = AuditLog.Actor(context.User), Now = now.ToUnixTimeMilliseconds() }, tx);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "problem.public-title", id, Result(outcome)), now);
        await tx.CommitAsync();
        return (outcome, outcome == Outcome.Done ? stored : null);
    }

    // Two moves within one millisecond must still list in order: each entry is stamped at least
    // 1 ms after the problem's last one (the move's row lock on the problem serialises them).
    public static Task HistoryAsync(DbConnection db, DbTransaction tx, string id, string? from, string to, string? note, string actor, DateTimeOffset now) =>
        db.ExecuteAsync("""
            INSERT INTO problem_history (id, problem_id, from_stage, to_stage, note, actor, at)
            SELECT @HistoryId, @Id, @From, @To, @Note, @Actor, CASE WHEN COALESCE(MAX(at), 0) >= @At THEN MAX(at) + 1 ELSE @At END
            FROM problem_history WHERE problem_id = @Id
            """, new { HistoryId = Guid.CreateVersion7(now).ToString(), Id = id, From = from, To = to,
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Actor = actor, At = now.ToUnixTimeMilliseconds() }, tx);

    sealed record Found(string Stage, string? ResponseStartedOn, string? PublicTitle);

    static async Task<(Outcome, Found)> FindAsync(DbConnection db, DbTransaction tx, HttpContext context, string id)
    {
        var row = await db.QuerySingleOrDefaultAsync<(string? Neighborhood, string Stage, string? Started, string? PublicTitle)>(
            "SELECT neighborhood, stage, response_started_on, public_title FROM problems WHERE id = @Id", new { Id = id }, tx);
        var found = new Found(row.Stage ?? "", row.Started, row.PublicTitle);
        return row.Neighborhood is null ? (Outcome.NotFound, found)
            : ProblemRules.CanWork(context.User, row.Neighborhood) ? (Outcome.Done, found) : (Outcome.Forbidden, found);
    }
}
