using System.Data.Common;
using Dapper;
using Surveys.Contracts;
using Surveys.Data;

namespace Surveys.Worker.Flags;

/// <summary>
/// Raises flags and commendations for newly stored responses, inside the transaction that stored
/// them: a response and its flags commit together or not at all, and a redelivered response (not
/// stored again) raises nothing again. The response itself is never touched.
/// </summary>
public static class FlagRaiser
{
    public sealed record Stored(SurveyResponseSubmitted Response, string ContactId, string Neighborhood, string Month);

    public const string Ia = "ia", Lieutenant = "lieutenant", Open = "open";

    // Well under SQLite's bound-parameter limit per statement.
    const int RowsPerStatement = 500;

    sealed record FlagRow(string Id, string ResponseId, string Queue, string Neighborhood, string Month);
    sealed record ReasonRow(string FlagId, FlagRules.Reason Reason);
    sealed record CommendationRow(string ResponseId, string Badge, string Neighborhood, string Month, string Rule);

    public static async Task RaiseAsync(DbConnection db, DbTransaction tx, IReadOnlyList<Stored> stored, DateTimeOffset now)
    {
        if (stored.Count == 0) return;
        var lexicons = LexiconSet.Current;
        var flags = new List<FlagRow>();
        var reasons = new List<ReasonRow>();
        var commended = new List<(Stored Stored, string Rule)>();
        foreach (var s in stored)
        {
            var decision = FlagRules.Evaluate(s.Response, lexicons);
            foreach (var (queue, list) in new[] { (Ia, decision.Ia), (Lieutenant, decision.Lieutenant) })
            {
                if (list.Count == 0) continue;
                var flag = new FlagRow(Guid.CreateVersion7(now).ToString(), s.Response.ReceiptId.ToString(), queue, s.Neighborhood, s.Month);
                flags.Add(flag);
                reasons.AddRange(list.Select(r => new ReasonRow(flag.Id, r)));
            }
            if (decision.Commendation is { } c) commended.Add((s, c.Rule));
        }

        var at = now.ToUnixTimeMilliseconds();
        foreach (var chunk in flags.Chunk(RowsPerStatement))
        {
            var (values, parameters) = SqlValues.Build(chunk, ("id", f => f.Id), ("response_id", f => f.ResponseId), ("queue", f => f.Queue),
                ("neighborhood", f => f.Neighborhood), ("month", f => f.Month), ("status", _ => Open), ("created_at", _ => at), ("updated_at", _ => at));
            var raised = await db.ExecuteAsync($"""
                INSERT INTO flags (id, response_id, queue, neighborhood, month, status, created_at, updated_at) VALUES {values}
                ON CONFLICT (response_id, queue) DO NOTHING
                """, parameters, tx);
            // Counted before the commit: a batch that then fails and is retried counts twice (telemetry, not a ledger).
            Surveys.Hosting.Telemetry.FlagsRaised.Add(raised);
        }
        foreach (var chunk in reasons.Chunk(RowsPerStatement))
        {
            var (values, parameters) = SqlValues.Build(chunk, ("flag_id", r => r.FlagId), ("reason", r => r.Reason.Name),
                ("rule", r => r.Reason.Rule), ("detail", r => r.Reason.Detail));
            await db.ExecuteAsync($"INSERT INTO flag_reasons (flag_id, reason, rule, detail) VALUES {values} ON CONFLICT DO NOTHING", parameters, tx);
        }
        if (commended.Count > 0) await CommendAsync(db, tx, commended, at);
    }

    // Every officer of the contact shares the praise: residents rarely know which of two officers said what.
    static async Task CommendAsync(DbConnection db, DbTransaction tx, List<(Stored Stored, string Rule)> commended, long at)
    {
        var sql = $"SELECT contact_id, badge FROM contact_officers WHERE {Db.AnyOf(db, "contact_id", "Ids")}";
        var officers = (await db.QueryAsync<(string ContactId, string Badge)>(sql, new { Ids = commended.Select(c => c.Stored.ContactId).Distinct().ToArray() }, tx))
            .ToLookup(o => o.ContactId, o => o.Badge);
        var rows = commended.SelectMany(c => officers[c.Stored.ContactId].Distinct().Select(b =>
            new CommendationRow(c.Stored.Response.ReceiptId.ToString(), b, c.Stored.Neighborhood, c.Stored.Month, c.Rule))).ToList();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var (values, parameters) = SqlValues.Build(chunk, ("response_id", r => r.ResponseId), ("badge", r => r.Badge),
                ("neighborhood", r => r.Neighborhood), ("month", r => r.Month), ("rule", r => r.Rule), ("created_at", _ => at));
            await db.ExecuteAsync($"""
                INSERT INTO commendations (response_id, badge, neighborhood, month, rule, created_at) VALUES {values}
                ON CONFLICT (response_id, badge) DO NOTHING
                """, parameters, tx);
        }
    }
}
