using Surveys.Rules;

namespace Surveys.Figures;

/// <summary>Turns stored sums into the published figures: one place, so API and PDF agree.</summary>
public static class FigureMath
{
    public static ItemFigures Item(ItemTotals? t, int minResponses)
    {
        if (t is null || t.N == 0) return new ItemFigures(0, null, null, null, null, true, null);
        if (t.N < minResponses) return new ItemFigures(t.N, null, null, null, null, true, null);
        var (mean, low, high) = Statistics.MeanInterval(t.N, t.Total, t.TotalSq);
        var (pLow, pHigh) = Statistics.Wilson(t.Positives, t.N);
        return new ItemFigures(t.N, R2(mean), [R2(low), R2(high)], R4((double)t.Positives / t.N), [R4(pLow), R4(pHigh)], false,
            [t.C1, t.C2, t.C3, t.C4, t.C5]);
    }

    public static FigureSet Build(string scope, string? code, string month, bool preliminary, long invitations, long responses,
        IEnumerable<ItemTotals> totals, int minResponses)
    {
        var byItem = totals.ToDictionary(t => t.Item);
        var items = Instrument.Items.ToDictionary(k => k, k => Item(byItem.GetValueOrDefault(k), minResponses));
        return new FigureSet(scope, code, month, preliminary, invitations, responses,
            invitations > 0 ? R4((double)responses / invitations) : null,
            items, TrustIndex(byItem.GetValueOrDefault(Instrument.Trust), minResponses), ProceduralJusticeIndex(byItem, minResponses));
    }

    static double? TrustIndex(ItemTotals? trust, int minResponses) =>
        trust is null || trust.N < minResponses || trust.N == 0 ? null : R1(Statistics.ToIndex((double)trust.Total / trust.N));

    // The mean of the four procedural-justice items' means, each item counted once whatever its n;
    // withheld unless all four clear the suppression threshold, so the index never mixes in a
    // figure that is itself withheld.
    static double? ProceduralJusticeIndex(Dictionary<string, ItemTotals> byItem, int minResponses)
    {
        var means = new List<double>();
        foreach (var key in Instrument.ProceduralJustice)
        {
            if (!byItem.TryGetValue(key, out var t) || t.N == 0 || t.N < minResponses) return null;
            means.Add((double)t.Total / t.N);
        }
        return R1(Statistics.ToIndex(means.Average()));
    }

    static double R1(double v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);
    static double R2(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
    static double R4(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}
