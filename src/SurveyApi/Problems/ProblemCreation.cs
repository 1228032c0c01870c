using System.Data.Common;
using System.Security.Claims;
using Dapper;
using Surveys.Api.Audit;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.ProblemSolving;

/// <summary>Opening a problem: its items, its cited evidence (each checked to exist and, for a lieutenant, to be theirs to cite) and its first history row.</summary>
public static class ProblemCreation
{
    public sealed record NewProblem(string Neighborhood, string Title, string? PublicTitle, string Description, string[] Items,
        string? EventId, string[] FollowUpIds, string[] FlagIds, string[] ConcernIds);

    /// <summary>
    /// The evidence a problem may cite: ids that exist, and for a lieutenant only the problem's own
    /// neighborhood's follow-ups, and events (or their concerns) of that neighborhood or city-wide.
    /// Empty: every reference is fine.
    /// </summary>
    public static async Task<FieldErrors> EvidenceErrorsAsync(DbConnection db, DbTransaction tx, ClaimsPrincipal user, NewProblem p)
    {
        var errors = new FieldErrors();
        var own = !ProblemRules.IsCommand(user);
        async Task Check(string field, string sql, IEnumerable<string> ids, bool cityWideAllowed)
        {
            foreach (var id in ids)
            {
                var found = await db.QuerySingleOrDefaultAsync<(int Found, string? Neighborhood)>(sql, new { Id = id }, tx);
                if (found.Found == 0) errors.Add(field, $"'{id}' does not exist.");
                else if (own && found.Neighborhood != p.Neighborhood && !(cityWideAllowed && found.Neighborhood is null))
                    errors.Add(field, $"'{id}' belongs to another neighborhood: a lieutenant cites only their own neighborhood's evidence.");
            }
        }
        if (p.EventId is not null) await Check("eventId", "SELECT 1, neighborhood FROM events WHERE id = @Id", [p.EventId], true);
        await Check("followUpIds", "SELECT 1, neighborhood FROM follow_ups WHERE id = @Id", p.FollowUpIds, false);
        await Check("flagIds", "SELECT 1, neighborhood FROM flags WHERE id = @Id", p.FlagIds, false);
        await Check("concernIds", "SELECT 1, e.neighborhood FROM event_concerns c JOIN events e ON e.id = c.event_id WHERE c.id = @Id", p.ConcernIds, true);
        return errors;
    }

    /// <summary>Stores the problem in one transaction, or nothing (the returned errors say why).</summary>
    public static async Task<(string? Id, FieldErrors Errors)> CreateAsync(HttpContext context, Db db, NewProblem p, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var errors = await EvidenceErrorsAsync(connection, tx, context.User, p);
        if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM neighborhoods WHERE code = @Code", new { Code = p.Neighborhood }, tx) == 0)
            errors.Add("neighborhood", $"'{p.Neighborhood}' is not a known neighborhood.");
        if (errors.Count > 0) return (null, errors);

        var (id, at, actor) = (Guid.CreateVersion7(now).ToString(), now.ToUnixTimeMilliseconds(), AuditLog.Actor(context.User));
        // A lieutenant's public title waits for a chief's or admin's approval; theirs is approved as they set it.
        await connection.ExecuteAsync("""
            INSERT INTO problems (id, neighborhood, title, public_title, public_title_approved_by, description, stage, created_by, created_at, updated_at)
            VALUES (@Id, @Neighborhood, @Title, @PublicTitle, @ApprovedBy, @Description, 'scanning', @Actor, @At, @At)
            """, new { Id = id, p.Neighborhood, Title = p.Title.Trim(), PublicTitle = p.PublicTitle?.Trim(), p.Description,
                ApprovedBy = p.PublicTitle is not null && ProblemRules.IsCommand(context.User) ? actor : null, Actor = actor, At = at }, tx);
        foreach (var item in p.Items.Distinct())
            await connection.ExecuteAsync("INSERT INTO problem_items (problem_id, item) VALUES (@Id, @Item)", new { Id = id, Item = item }, tx);
        var evidence = (p.EventId is null ? Array.Empty<(string, string)>() : [("event", p.EventId)])
            .Concat(p.FollowUpIds.Select(f => ("follow-up", f))).Concat(p.FlagIds.Select(f => ("flag", f))).Concat(p.ConcernIds.Select(c => ("concern", c)))
            .Distinct();
        foreach (var (kind, refId) in evidence)
            await connection.ExecuteAsync("INSERT INTO problem_evidence (problem_id, kind, ref_id) VALUES (@Id, @Kind, @Ref)", new { Id = id, Kind = kind, Ref = refId }, tx);
        await ProblemChanges.HistoryAsync(connection, tx, id, null, ProblemRules.Scanning, null, actor, now);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "problem.create", id, AuditLog.Success), now);
        await tx.CommitAsync();
        return (id, errors);
    }
}
