using System.Data.Common;
using Dapper;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Processing.Flags;
using Surveys.Processing.Responses;
using Surveys.Rules;

namespace Surveys.Processing.Events;

/// <summary>
/// Stores event survey answers (docs/events.md) inside the worker's batch transaction: ON CONFLICT
/// on (event, browser) keeps one answer per browser, and only the rows really inserted raise flags
/// and count, in the event's own aggregate scope and nowhere else (no officer, neighborhood or city).
/// </summary>
public static class EventAnswerStore
{
    /// <summary>The items an event page asks (a subset of the instrument, same wording).</summary>
    public static IReadOnlyList<string> Items => Surveys.Figures.EventFigures.Items;

    sealed record Event(string Id, string? Neighborhood, string Month);
    sealed record Row(SurveyResponseSubmitted M, Event E, long StoredAt);

    static readonly BatchColumn<Row>[] Columns =
    [
        new("id", "text", r => r.M.ReceiptId.ToString()), new("event_id", "text", r => r.E.Id), new("browser_id", "text", r => r.M.BrowserId),
        new("overall", "smallint", r => Answer(r, Instrument.Overall)), new("voice", "smallint", r => Answer(r, "voice")),
        new("trust", "smallint", r => Answer(r, Instrument.Trust)), new("comment", "text", r => r.M.Comment),
        new("language", "text", r => r.M.Language ?? "en"), new("submitted_at", "bigint", r => r.M.SubmittedAt.ToUnixTimeMilliseconds()),
        new("stored_at", "bigint", r => r.StoredAt),
    ];

    public static async Task<ResponseStore.Outcome> StoreAsync(DbConnection db, DbTransaction tx, IReadOnlyList<SurveyResponseSubmitted> batch, DateTimeOffset now)
    {
        var rejected = new List<(SurveyResponseSubmitted, string)>();
        var valid = new List<SurveyResponseSubmitted>();
        foreach (var m in batch.DistinctBy(m => (m.EventId, m.BrowserId)))
        {
            var errors = new FieldErrors();
            Validation.CheckAnswers(m.Answers, errors);
            Validation.CheckComment(m.Comment, errors);
            if (m.Answers.Keys.Any(k => !Items.Contains(k))) errors.Add("answers", "an event survey asks overall, voice and trust only.");
            if (string.IsNullOrEmpty(m.BrowserId)) errors.Add("browserId", "is required.");
            if (errors.Count > 0) rejected.Add((m, "invalid event answer: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}"))));
            else valid.Add(m);
        }
        var events = valid.Count == 0 ? [] : (await db.QueryAsync<Event>($"SELECT id, neighborhood, month FROM events WHERE {Db.AnyOf(db, "id", "Ids")}",
            new { Ids = valid.Select(m => m.EventId!).Distinct().ToArray() }, tx)).ToDictionary(e => e.Id);
        var rows = new List<Row>();
        foreach (var m in valid)
        {
            if (events.TryGetValue(m.EventId!, out var e)) rows.Add(new Row(m, e, now.ToUnixTimeMilliseconds()));
            else rejected.Add((m, "unknown event"));
        }
        if (rows.Count == 0) return new ResponseStore.Outcome(0, batch.Count - rejected.Count, rejected);

        var (source, parameters) = SqlValues.Build(db, rows, Columns);
        var insertSql = $"""
            INSERT INTO event_responses ({SqlValues.ColumnList(Columns)}) {source}
            ON CONFLICT (event_id, browser_id) DO NOTHING
            RETURNING id
            """;
        var inserted = (await db.QueryAsync<string>(new CommandDefinition(insertSql, parameters, tx, flags: CommandFlags.Buffered | CommandFlags.NoCache))).ToHashSet();
        var stored = rows.Where(r => inserted.Contains(r.M.ReceiptId.ToString())).ToList();
        if (stored.Count == 0) return new ResponseStore.Outcome(0, batch.Count - rejected.Count, rejected);

        // A city-wide event's flags carry the neighborhood '' (no lieutenant's queue; chiefs and IA see them).
        await FlagRaiser.RaiseForEventAnswersAsync(db, tx, stored.Select(r => new FlagRaiser.Stored(r.M, r.E.Neighborhood ?? "", r.E.Month, [])).ToList(), now);
        var deltas = new AggregateDeltas();
        foreach (var r in stored) deltas.AddEvent(r.M, r.E.Month, r.E.Id);
        await AggregateSql.UpsertAsync(db, tx, deltas);
        return new ResponseStore.Outcome(stored.Count, batch.Count - rejected.Count - stored.Count, rejected);
    }

    static object? Answer(Row r, string item) => r.M.Answers.TryGetValue(item, out var v) ? v : null;
}
