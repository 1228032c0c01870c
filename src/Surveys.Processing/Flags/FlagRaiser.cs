using System.Data.Common;
using Surveys.Contracts;
using Surveys.Data;

namespace Surveys.Processing.Flags;

/// <summary>
/// Raises flags and commendations, and queues consented comments for review, for newly stored
/// responses, inside the transaction that stored them: a response and its flags commit together or
/// not at all, and a redelivered response (not stored again) raises nothing again. The response
/// itself is never touched.
/// </summary>
public static class FlagRaiser
{
    public sealed record Stored(SurveyResponseSubmitted Response, string Neighborhood, string Month, IReadOnlyList<string> Badges);

    public const string Ia = "ia", Lieutenant = "lieutenant", Open = "open";

    sealed record FlagRow(string Id, string ResponseId, string Queue, string Neighborhood, string Month, long At);
    sealed record ReasonRow(string FlagId, FlagRules.Reason Reason);
    sealed record CommendationRow(string ResponseId, string Badge, string Neighborhood, string Month, string Rule, long At);
    sealed record ReviewRow(string ResponseId, string Neighborhood, string Month, long At);

    static readonly BatchColumn<FlagRow>[] FlagColumns =
    [
        new("id", "text", f => f.Id), new("response_id", "text", f => f.ResponseId), new("queue", "text", f => f.Queue),
        new("neighborhood", "text", f => f.Neighborhood), new("month", "text", f => f.Month), new("status", "text", _ => Open),
        new("created_at", "bigint", f => f.At), new("updated_at", "bigint", f => f.At),
    ];
    static readonly BatchColumn<ReasonRow>[] ReasonColumns =
    [
        new("flag_id", "text", r => r.FlagId), new("reason", "text", r => r.Reason.Name), new("rule", "text", r => r.Reason.Rule),
        new("detail", "text", r => r.Reason.Detail),
    ];
    static readonly BatchColumn<CommendationRow>[] CommendationColumns =
    [
        new("response_id", "text", r => r.ResponseId), new("badge", "text", r => r.Badge), new("neighborhood", "text", r => r.Neighborhood),
        new("month", "text", r => r.Month), new("rule", "text", r => r.Rule), new("created_at", "bigint", r => r.At),
    ];
    static readonly BatchColumn<ReviewRow>[] ReviewColumns =
    [
        new("response_id", "text", r => r.ResponseId), new("neighborhood", "text", r => r.Neighborhood), new("month", "text", r => r.Month),
        new("stored_at", "bigint", r => r.At), new("status", "text", _ => "pending"), new("created_at", "bigint", r => r.At),
    ];

    public static async Task RaiseAsync(DbConnection db, DbTransaction tx, IReadOnlyList<Stored> stored, DateTimeOffset now)
    {
        if (stored.Count == 0) return;
        var lexicons = LexiconSet.Current;
        var flags = new List<FlagRow>();
        var reasons = new List<ReasonRow>();
        var commended = new List<(Stored Stored, string Rule)>();
        var reviews = new List<ReviewRow>();
        foreach (var s in stored)
        {
            var decision = Decide(s.Response, s.Neighborhood, s.Month, now, lexicons, flags, reasons);
            if (decision.Commendation is { } c) commended.Add((s, c.Rule));
            // A consented comment waits for a person's approval before any report quotes it; one
            // that raised an IA flag (complaint or allegation) is IA's alone and never queued.
            if (decision.Ia.Count == 0 && s.Response.ShareComment && !string.IsNullOrWhiteSpace(s.Response.Comment))
                reviews.Add(new ReviewRow(s.Response.ReceiptId.ToString(), s.Neighborhood, s.Month, now.ToUnixTimeMilliseconds()));
        }

        var raised = await SqlValues.InsertAsync(db, tx, "flags", flags, FlagColumns, "ON CONFLICT (response_id, queue) DO NOTHING");
        // Counted before the commit: a batch that then fails and is retried counts twice (telemetry, not a ledger).
        Surveys.Hosting.Telemetry.FlagsRaised.Add(raised);
        await SqlValues.InsertAsync(db, tx, "flag_reasons", reasons, ReasonColumns, "ON CONFLICT DO NOTHING");
        if (commended.Count > 0) await CommendAsync(db, tx, commended, now.ToUnixTimeMilliseconds());
        await SqlValues.InsertAsync(db, tx, "comment_reviews", reviews, ReviewColumns, "ON CONFLICT (response_id) DO NOTHING");
    }

    /// <summary>
    /// Event answers (docs/events.md): the same rules, the flag pointing at the event answer. No
    /// commendation (no officer) and no comment review: an event comment is never quoted.
    /// </summary>
    public static async Task RaiseForEventAnswersAsync(DbConnection db, DbTransaction tx, IReadOnlyList<Stored> stored, DateTimeOffset now)
    {
        var lexicons = LexiconSet.Current;
        var flags = new List<FlagRow>();
        var reasons = new List<ReasonRow>();
        foreach (var s in stored) Decide(s.Response, s.Neighborhood, s.Month, now, lexicons, flags, reasons);
        // A city-wide event has no lieutenant: its low ratings are in its figures, not in anyone's queue.
        var unowned = flags.Where(f => f.Queue == Lieutenant && f.Neighborhood == "").Select(f => f.Id).ToHashSet();
        flags.RemoveAll(f => unowned.Contains(f.Id));
        reasons.RemoveAll(r => unowned.Contains(r.FlagId));
        var columns = FlagColumns.Select(c => c.Name == "response_id" ? new BatchColumn<FlagRow>("event_response_id", "text", f => f.ResponseId) : c).ToArray();
        Surveys.Hosting.Telemetry.FlagsRaised.Add(await SqlValues.InsertAsync(db, tx, "flags", flags, columns, "ON CONFLICT (event_response_id, queue) DO NOTHING"));
        await SqlValues.InsertAsync(db, tx, "flag_reasons", reasons, ReasonColumns, "ON CONFLICT DO NOTHING");
    }

    static FlagRules.Decision Decide(SurveyResponseSubmitted response, string neighborhood, string month, DateTimeOffset now, LexiconSet lexicons,
        List<FlagRow> flags, List<ReasonRow> reasons)
    {
        var decision = FlagRules.Evaluate(response, lexicons);
        foreach (var (queue, list) in new[] { (Ia, decision.Ia), (Lieutenant, decision.Lieutenant) })
        {
            if (list.Count == 0) continue;
            var flag = new FlagRow(Guid.CreateVersion7(now).ToString(), response.ReceiptId.ToString(), queue, neighborhood, month, now.ToUnixTimeMilliseconds());
            flags.Add(flag);
            reasons.AddRange(list.Select(r => new ReasonRow(flag.Id, r)));
        }
        return decision;
    }

    // Every officer of the contact shares the praise: residents rarely know which of two officers said what.
    static Task CommendAsync(DbConnection db, DbTransaction tx, List<(Stored Stored, string Rule)> commended, long at)
    {
        var rows = commended.SelectMany(c => c.Stored.Badges.Distinct().Select(b =>
            new CommendationRow(c.Stored.Response.ReceiptId.ToString(), b, c.Stored.Neighborhood, c.Stored.Month, c.Rule, at))).ToList();
        return SqlValues.InsertAsync(db, tx, "commendations", rows, CommendationColumns, "ON CONFLICT (response_id, badge) DO NOTHING");
    }
}
