using System.Data.Common;
using Dapper;
using Surveys.Rules;

namespace Surveys.Figures;

/// <summary>
/// An event survey's figures: the three items it asks, from its own aggregates (scope `event`,
/// its month), suppressed as every other figure. The API, the console and the PDFs read them here.
/// </summary>
public static class EventFigures
{
    public static readonly IReadOnlyList<string> Items = [Instrument.Overall, "voice", Instrument.Trust];

    public static async Task<FigureSet> LoadAsync(DbConnection db, string eventId, string month, int minResponses)
    {
        const string sql = """
            SELECT scope, month, item, n, total, total_sq AS TotalSq, positives, c1, c2, c3, c4, c5
            FROM aggregates WHERE scope = @Scope AND scope_key = @Key AND month = @Month
            """;
        var totals = (await db.QueryAsync<AggregateRow>(sql, new { Scope = AggregateScopes.Event, Key = eventId, Month = month })).Select(r => r.Totals).ToList();
        var responses = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM event_responses WHERE event_id = @Id", new { Id = eventId });
        var set = FigureMath.Build(AggregateScopes.Event, eventId, month, false, 0, responses, totals, minResponses);
        return set with { Items = set.Items.Where(i => Items.Contains(i.Key)).ToDictionary() };
    }
}
