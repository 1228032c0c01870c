using System.Data.Common;
using Dapper;
using Surveys.Data;
using Surveys.FollowUps;
using Surveys.Rules;

namespace Surveys.Processing.FollowUps;

/// <summary>
/// Opens a follow-up request for each newly stored response that asked for one, inside the
/// transaction that stored it (after the flags): it commits with the response or not at all, and
/// a redelivered response, never stored twice, opens nothing twice (response_id is unique too).
/// A response that raised an IA flag opens none: IA decides on contact, not the chain of command.
/// </summary>
public static class FollowUpOpener
{
    public sealed record Candidate(string ResponseId, string ContactId, string Neighborhood, bool WantsFollowUp);

    sealed record Row(string Id, Candidate C, string Month, long At, long DueAt);

    static readonly BatchColumn<Row>[] Columns =
    [
        new("id", "text", r => r.Id), new("response_id", "text", r => r.C.ResponseId), new("contact_id", "text", r => r.C.ContactId),
        new("neighborhood", "text", r => r.C.Neighborhood), new("month", "text", r => r.Month), new("status", "text", _ => "open"),
        new("created_at", "bigint", r => r.At), new("due_at", "bigint", r => r.DueAt), new("updated_at", "bigint", r => r.At),
    ];
    static readonly BatchColumn<Row>[] TextColumns =
    [
        new("follow_up_id", "text", r => r.Id), new("kind", "text", _ => "opened"), new("status", "text", _ => "pending"),
        new("created_at", "bigint", r => r.At),
    ];

    public static async Task<int> OpenAsync(DbConnection db, DbTransaction tx, IReadOnlyList<Candidate> stored, DateTimeOffset now, SurveysOptions options)
    {
        var asked = stored.Where(s => s.WantsFollowUp).ToList();
        if (asked.Count == 0) return 0;
        var iaSql = $"SELECT response_id FROM flags WHERE queue = 'ia' AND {Db.AnyOf(db, "response_id", "Ids")}";
        var ia = (await db.QueryAsync<string>(iaSql, new { Ids = asked.Select(a => a.ResponseId).ToArray() }, tx)).ToHashSet();

        var zone = options.Zone;
        var dueAt = DueClock.DueAt(now, options.FollowUp.Due, zone).ToUnixTimeMilliseconds();
        var rows = asked.Where(a => !ia.Contains(a.ResponseId))
            .Select(a => new Row(Guid.CreateVersion7(now).ToString(), a, Months.Of(now, zone), now.ToUnixTimeMilliseconds(), dueAt)).ToList();
        var opened = await SqlValues.InsertAsync(db, tx, "follow_ups", rows, Columns, "ON CONFLICT (response_id) DO NOTHING");
        if (options.FollowUp.NotifyResident)
            await SqlValues.InsertAsync(db, tx, "follow_up_texts", rows, TextColumns, "ON CONFLICT (follow_up_id, kind) DO NOTHING");
        return opened;
    }
}
