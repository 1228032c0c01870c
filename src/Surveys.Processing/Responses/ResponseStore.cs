using System.Data.Common;
using Dapper;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Processing.Responses;

/// <summary>
/// Inserts responses with ON CONFLICT DO NOTHING on the token, then adds only the rows that were
/// really inserted to the aggregates, inside the caller's transaction: exactly-once counting.
/// </summary>
public static class ResponseStore
{
    public sealed record Outcome(int Stored, int Duplicates, List<(SurveyResponseSubmitted Message, string Reason)> Rejected);
    sealed record Contact(string Id, string TokenId, string Month, string Neighborhood, string ContactType, string Language);
    sealed record Row(SurveyResponseSubmitted M, Contact C, long StoredAt);

    static readonly BatchColumn<Row>[] Columns =
    [
        new("id", "text", r => r.M.ReceiptId.ToString()), new("token_id", "text", r => r.M.TokenId), new("contact_id", "text", r => r.C.Id),
        new("month", "text", r => r.C.Month), new("neighborhood", "text", r => r.C.Neighborhood), new("contact_type", "text", r => r.C.ContactType),
        new("overall", "smallint", r => Answer(r, "overall")), new("respect", "smallint", r => Answer(r, "respect")),
        new("voice", "smallint", r => Answer(r, "voice")), new("fairness", "smallint", r => Answer(r, "fairness")),
        new("explanation", "smallint", r => Answer(r, "explanation")), new("trust", "smallint", r => Answer(r, "trust")),
        new("comment", "text", r => r.M.Comment), new("wants_complaint", "boolean", r => r.M.WantsComplaint),
        new("wants_follow_up", "boolean", r => r.M.WantsFollowUp), new("share_comment", "boolean", r => r.M.ShareComment),
        new("channel", "text", r => r.M.Channel), new("submitted_at", "bigint", r => r.M.SubmittedAt.ToUnixTimeMilliseconds()),
        new("stored_at", "bigint", r => r.StoredAt),
    ];

    /// <summary>One queue, two kinds of answer: event survey answers (EventId set) go to their own store.</summary>
    public static async Task<Outcome> StoreAsync(DbConnection db, DbTransaction tx, IReadOnlyList<SurveyResponseSubmitted> batch, DateTimeOffset now,
        SurveysOptions options)
    {
        if (batch.All(m => m.EventId is null)) return await StoreSurveyAsync(db, tx, batch, now, options);
        var events = await Events.EventAnswerStore.StoreAsync(db, tx, batch.Where(m => m.EventId is not null).ToList(), now);
        var surveys = await StoreSurveyAsync(db, tx, batch.Where(m => m.EventId is null).ToList(), now, options);
        return new Outcome(events.Stored + surveys.Stored, events.Duplicates + surveys.Duplicates, [.. events.Rejected, .. surveys.Rejected]);
    }

    static async Task<Outcome> StoreSurveyAsync(DbConnection db, DbTransaction tx, IReadOnlyList<SurveyResponseSubmitted> batch, DateTimeOffset now,
        SurveysOptions options)
    {
        if (batch.Count == 0) return new Outcome(0, 0, []);
        var rejected = new List<(SurveyResponseSubmitted, string)>();
        var unique = batch.DistinctBy(m => m.TokenId).ToList();
        var valid = new List<SurveyResponseSubmitted>();
        foreach (var m in unique)
        {
            var errors = new FieldErrors();
            Validation.CheckAnswers(m.Answers, errors);
            Validation.CheckComment(m.Comment, errors);
            if (errors.Count > 0) rejected.Add((m, "invalid response: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}"))));
            else valid.Add(m);
        }

        var contactsSql = $"""
            SELECT id, token_id AS TokenId, month, neighborhood, contact_type AS ContactType, language
            FROM contacts WHERE {Db.AnyOf(db, "token_id", "TokenIds")}
            """;
        var contacts = valid.Count == 0 ? [] : (await db.QueryAsync<Contact>(contactsSql, new { TokenIds = valid.Select(m => m.TokenId).ToArray() }, tx))
            .ToDictionary(c => c.TokenId);
        var rows = new List<Row>();
        foreach (var m in valid)
        {
            if (contacts.TryGetValue(m.TokenId, out var c)) rows.Add(new Row(m, c, now.ToUnixTimeMilliseconds()));
            else rejected.Add((m, "unknown survey token"));
        }
        if (rows.Count == 0) return new Outcome(0, batch.Count - rejected.Count, rejected);

        var (source, parameters) = SqlValues.Build(db, rows, Columns);
        var insertSql = $"""
            INSERT INTO responses ({SqlValues.ColumnList(Columns)}) {source}
            ON CONFLICT (token_id) DO NOTHING
            RETURNING token_id
            """;
        var inserted = (await db.QueryAsync<string>(new CommandDefinition(insertSql, parameters, tx, flags: CommandFlags.Buffered | CommandFlags.NoCache))).ToHashSet();
        var stored = rows.Where(r => inserted.Contains(r.M.TokenId)).ToList();
        if (stored.Count == 0) return new Outcome(0, batch.Count - rejected.Count, rejected);

        var officersSql = $"SELECT contact_id, badge FROM contact_officers WHERE {Db.AnyOf(db, "contact_id", "Ids")}";
        var officers = (await db.QueryAsync<(string ContactId, string Badge)>(officersSql, new { Ids = stored.Select(r => r.C.Id).Distinct().ToArray() }, tx))
            .ToLookup(o => o.ContactId, o => o.Badge);
        await Flags.FlagRaiser.RaiseAsync(db, tx, stored.Select(r => new Flags.FlagRaiser.Stored(r.M, r.C.Neighborhood, r.C.Month, officers[r.C.Id].ToList())).ToList(), now);
        await FollowUps.FollowUpOpener.OpenAsync(db, tx, stored.Select(r => new FollowUps.FollowUpOpener.Candidate(r.M.ReceiptId.ToString(), r.C.Id,
            r.C.Neighborhood, r.M.WantsFollowUp)).ToList(), now, options);
        // Aggregates last: their city-wide rows are shared by every batch, so they are locked
        // only in the moment before commit.
        var deltas = new AggregateDeltas();
        foreach (var r in stored) deltas.Add(r.M, r.C.Month, r.C.Neighborhood, r.C.ContactType, officers[r.C.Id], r.C.Language);
        await AggregateSql.UpsertAsync(db, tx, deltas);
        return new Outcome(stored.Count, batch.Count - rejected.Count - stored.Count, rejected);
    }

    static object? Answer(Row r, string item) => r.M.Answers.TryGetValue(item, out var v) ? v : null;
}
