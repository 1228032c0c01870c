using Surveys.Rules;

namespace Surveys.Figures;

/// <summary>
/// Adds each item's <c>change</c> (against the previous month) and, for a neighborhood, its
/// <c>vsCity</c> (against the rest of the city: the city's sums minus the neighborhood's, so the
/// two samples share no resident) to a scope-month's figures, from rows FigureQuery already read.
/// </summary>
public static class FigureChanges
{
    public const string RestOfCity = "rest-of-city";

    public static FigureSet Add(FigureSet set, string scope, IReadOnlyList<AggregateRow> rows, int minResponses)
    {
        if (scope is not (AggregateScopes.City or AggregateScopes.Neighborhood or AggregateScopes.Officer)) return set;
        var previous = Months.Shift(set.Month, -1);
        ItemTotals? Find(string s, string month, string item) => rows.FirstOrDefault(r => r.Scope == s && r.Month == month && r.Item == item)?.Totals;

        var items = new Dictionary<string, ItemFigures>();
        foreach (var (item, figures) in set.Items)
        {
            var now = Find(scope, set.Month, item);
            var rest = scope == AggregateScopes.Neighborhood ? Minus(Find(AggregateScopes.City, set.Month, item), now) : null;
            items[item] = figures with
            {
                Change = Compare(now, Find(scope, previous, item), previous, minResponses),
                VsCity = rest is null ? null : Compare(now, rest, RestOfCity, minResponses),
            };
        }
        return set with { Items = items };
    }

    /// <summary>This − that for one item; null when either side is below the suppression threshold.</summary>
    public static ItemDifference? Compare(ItemTotals? a, ItemTotals? b, string against, int minResponses)
    {
        // Welch needs two answers a side; with MinResponses configured below 2 that still holds here.
        var min = Math.Max(2, minResponses);
        if (a is null || b is null || a.N < min || b.N < min) return null;
        var mean = Differences.WelchFromSums(a.N, a.Total, a.TotalSq, b.N, b.Total, b.TotalSq);
        var pct = Differences.Newcombe(a.Positives, a.N, b.Positives, b.N);
        return new ItemDifference(against, R(mean.Estimate, 2), [R(mean.Low, 2), R(mean.High, 2)],
            R(pct.Estimate, 4), [R(pct.Low, 4), R(pct.High, 4)], mean.ExcludesZero, pct.ExcludesZero);
    }

    static ItemTotals? Minus(ItemTotals? city, ItemTotals? part) => city is null ? null : part is null ? city
        : city with { N = city.N - part.N, Total = city.Total - part.Total, TotalSq = city.TotalSq - part.TotalSq, Positives = city.Positives - part.Positives };

    static double R(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
}
