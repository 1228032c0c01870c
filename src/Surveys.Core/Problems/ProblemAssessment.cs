using System.Data.Common;
using System.Globalization;
using Dapper;
using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.ProblemSolving;

/// <summary>One side of an assessment: its months (inclusive) and each listed item's figures, suppressed as the stats calls are.</summary>
public sealed record AssessmentSide(string From, string To, IReadOnlyDictionary<string, ItemFigures> Items);

/// <summary>
/// A problem's assessment (api-contract.md, "Problems"). <c>Status</c>: <c>too-early</c> while a
/// listed item's after side is below MinResponses, <c>no-baseline</c> when the after side is
/// enough but a before side is not, else <c>ready</c>. <c>Difference</c> is after − before, null
/// for an item whose either side is withheld.
/// </summary>
public sealed record Assessment(string ResponseStartedOn, string Status, AssessmentSide Before, AssessmentSide After,
    IReadOnlyDictionary<string, ItemDifference?> Difference);

/// <summary>
/// Computed, never typed: the neighborhood's monthly aggregates for the three full months before
/// the month in which the response began, against that month and every month since up to
/// <c>lastMonth</c> (docs/problems.md). The intervals are the fair-numbers ones (FigureChanges.Compare).
/// </summary>
public static class ProblemAssessment
{
    public const string TooEarly = "too-early", NoBaseline = "no-baseline", Ready = "ready", Against = "before";

    /// <summary>Null when <paramref name="lastMonth"/> is before the response month (nothing after it yet to show).</summary>
    public static async Task<Assessment?> ComputeAsync(DbConnection db, string neighborhood, IReadOnlyList<string> items, DateOnly responseStartedOn,
        string lastMonth, SurveysOptions options)
    {
        var start = responseStartedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (string.CompareOrdinal(lastMonth, start) < 0) return null;
        var (beforeFrom, beforeTo) = (Months.Shift(start, -3), Months.Shift(start, -1));
        const string sql = """
            SELECT scope, month, item, n, total, total_sq AS TotalSq, positives, c1, c2, c3, c4, c5
            FROM aggregates WHERE scope = @Scope AND scope_key = @Key AND month >= @From AND month <= @To
            """;
        var rows = (await db.QueryAsync<AggregateRow>(sql, new { Scope = AggregateScopes.Neighborhood, Key = neighborhood, From = beforeFrom, To = lastMonth }))
            .Where(r => items.Contains(r.Item)).ToList();
        var before = Sum(rows.Where(r => string.CompareOrdinal(r.Month, beforeTo) <= 0));
        var after = Sum(rows.Where(r => string.CompareOrdinal(r.Month, start) >= 0));

        var min = options.MinResponses;
        var difference = items.ToDictionary(i => i, i => FigureChanges.Compare(after.GetValueOrDefault(i), before.GetValueOrDefault(i), Against, min));
        // Welch needs two answers a side, whatever MinResponses says (as FigureChanges does).
        bool Enough(Dictionary<string, ItemTotals> side, string item) => side.GetValueOrDefault(item)?.N >= Math.Max(2, min);
        var status = !items.All(i => Enough(after, i)) ? TooEarly : !items.All(i => Enough(before, i)) ? NoBaseline : Ready;
        return new Assessment(responseStartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status,
            new AssessmentSide(beforeFrom, beforeTo, Figures(before, items, min)),
            new AssessmentSide(start, lastMonth, Figures(after, items, min)), difference);
    }

    static Dictionary<string, ItemFigures> Figures(Dictionary<string, ItemTotals> side, IReadOnlyList<string> items, int min) =>
        items.ToDictionary(i => i, i => FigureMath.Item(side.GetValueOrDefault(i), min));

    /// <summary>Each item's sums over the side's months: the months' answers are disjoint, so n, Σx, Σx² and positives add up.</summary>
    static Dictionary<string, ItemTotals> Sum(IEnumerable<AggregateRow> rows) => rows.GroupBy(r => r.Item).ToDictionary(g => g.Key, g => new ItemTotals(g.Key,
        g.Sum(r => r.N), g.Sum(r => r.Total), g.Sum(r => r.TotalSq), g.Sum(r => r.Positives),
        g.Sum(r => r.C1), g.Sum(r => r.C2), g.Sum(r => r.C3), g.Sum(r => r.C4), g.Sum(r => r.C5)));
}
