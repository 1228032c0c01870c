using Dapper;
using Surveys.Data;
using Surveys.FollowUps;
using Surveys.Rules;

namespace Surveys.Api.Demo;

/// <summary>
/// --demo: the worker opened every follow-up request just now; this spreads them over the last
/// days (open, due soon, overdue) and works some to closed, so a newcomer's console shows a
/// lieutenant's real day. Only the demo rewrites dates; the history rows are written as the
/// console would, by "demo".
/// </summary>
public static class DemoFollowUps
{
    public static async Task<int> SpreadAsync(Db db, long stored, SurveysOptions options, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // The seeder queued its answers; wait until the worker has stored them all (their follow-ups open with them).
        for (var i = 0; i < 600 && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM responses") < stored; i++)
            await Task.Delay(100, ct);
        var ids = (await connection.QueryAsync<string>("SELECT id FROM follow_ups ORDER BY id")).ToList();
        await using var tx = await connection.BeginTransactionAsync(ct);
        for (var i = 0; i < ids.Count; i++)
        {
            // Four kinds in turn: overdue (opened 4 days ago), due soon (2.5 days ago), closed, fresh.
            var (age, close) = (i % 4) switch { 0 => (TimeSpan.FromDays(4), false), 1 => (TimeSpan.FromHours(60), false), 2 => (TimeSpan.FromDays(6), true), _ => (TimeSpan.Zero, false) };
            var opened = now - age;
            var due = DueClock.DueAt(opened, options.FollowUp.Due, options.Zone).ToUnixTimeMilliseconds();
            await connection.ExecuteAsync("UPDATE follow_ups SET created_at = @Opened, due_at = @Due, month = @Month, updated_at = @Opened WHERE id = @Id",
                new { Id = ids[i], Opened = opened.ToUnixTimeMilliseconds(), Due = due, Month = Months.Of(opened, options.Zone) }, tx);
            // Old enough that their opening text would promise too late: the scheduler would skip them anyway.
            if (age > TimeSpan.Zero) await connection.ExecuteAsync("UPDATE follow_up_texts SET status = 'skipped', error = 'demo data' WHERE follow_up_id = @Id", new { Id = ids[i] }, tx);
            if (!close) continue;
            var contacted = opened.AddHours(20 + i % 50).ToUnixTimeMilliseconds();
            var outcome = (i / 4 % 3) switch { 0 => "resolved", 1 => "referred", _ => "unreachable" };
            await connection.ExecuteAsync("""
                UPDATE follow_ups SET status = 'closed', outcome = @Outcome, closed_at = @At, updated_at = @At,
                       contacted_at = CASE WHEN @Outcome = 'unreachable' THEN NULL ELSE @At END
                WHERE id = @Id
                """, new { Id = ids[i], Outcome = outcome, At = contacted }, tx);
            await connection.ExecuteAsync("""
                INSERT INTO follow_up_history (id, follow_up_id, from_status, to_status, outcome, note, actor, at)
                VALUES (@HistoryId, @Id, 'open', 'closed', @Outcome, 'Demo: called the resident.', 'demo', @At)
                """, new { HistoryId = Guid.CreateVersion7().ToString(), Id = ids[i], Outcome = outcome, At = contacted }, tx);
        }
        await tx.CommitAsync(ct);
        return ids.Count;
    }
}
