using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Reporting.Text;

/// <summary>
/// One headline figure: its value and 95% interval as published, or withheld; with the published
/// differences against last month and against the rest of the city (null where there is none), and
/// for a rate its numerator (the difference of two rates is computed from the counts).
/// </summary>
public sealed record Measure(string Label, double? Value, double[]? Ci, long N, Func<double, string> Show, string DeltaPattern, string Month)
{
    public bool Withheld => Value is null;
    public Difference? Change { get; init; }
    public Difference? VsCity { get; init; }
    public long? Successes { get; init; }
}

/// <summary>A difference (this − that) in the measure's own unit, its 95% interval, and whether the interval excludes 0.</summary>
public sealed record Difference(double Delta, double Low, double High, bool Significant);

public enum ChangeKind { None, Noise, RealUp, RealDown }

public sealed record Change(ChangeKind Kind, double? Delta);

/// <summary>
/// The headline measures of a FigureSet. The values and item differences are the published ones;
/// the few intervals the stats body does not carry are derived here from published figures with
/// Core's own Statistics and Differences (docs/figures.md).
/// </summary>
public static class Headline
{
    public static Measure ResponseRate(FigureSet f)
    {
        // Wilson, as for % positive; undefined without invitations (and guarded against a
        // responses count that ran ahead of invitations, which the counts allow in principle).
        double[]? ci = null;
        if (f.Invitations > 0 && f.Responses <= f.Invitations)
        {
            var (low, high) = Statistics.Wilson(f.Responses, f.Invitations);
            ci = [Round(low, 4), Round(high, 4)];
        }
        return new Measure("Response rate", f.ResponseRate, ci, f.Invitations, Format.Percent, Format.Points, f.Month) { Successes = f.Responses };
    }

    public static Measure Overall(FigureSet f)
    {
        var item = f.Items[Instrument.Overall];
        return new Measure("Overall satisfaction", item.Mean, item.Ci95, item.N, Format.Mean, "0.00", f.Month)
            { Change = Of(item.Change, 1, 2), VsCity = Of(item.VsCity, 1, 2) };
    }

    /// <summary>The trust index is the trust mean on a 0–100 scale, so its interval is the mean's, rescaled.</summary>
    public static Measure Trust(FigureSet f)
    {
        var item = f.Items[Instrument.Trust];
        var ci = f.TrustIndex is null || item.Ci95 is null ? null : new[] { ToIndex(item.Ci95[0]), ToIndex(item.Ci95[1]) };
        // The index is the mean × 25 (less a constant), so its differences are the mean's, × 25.
        return new Measure("Trust index", f.TrustIndex, ci, item.N, Format.Index, "0.0", f.Month)
            { Change = Of(item.Change, 25, 1), VsCity = Of(item.VsCity, 25, 1) };
    }

    /// <summary>
    /// The aggregates keep no cross-item sums, so the exact interval of a mean of four correlated
    /// items is unknown; the average of the four intervals is conservative whatever the correlation
    /// (the standard deviation of a mean is at most the mean of the standard deviations).
    /// </summary>
    public static Measure ProceduralJustice(FigureSet f)
    {
        var items = Instrument.ProceduralJustice.Select(k => f.Items[k]).ToList();
        var n = items.Min(i => i.N);
        double[]? ci = null;
        if (f.ProceduralJusticeIndex is not null && items.All(i => i.Ci95 is not null))
            ci = [ToIndex(items.Average(i => i.Ci95![0])), ToIndex(items.Average(i => i.Ci95![1]))];
        return new Measure("Procedural justice index", f.ProceduralJusticeIndex, ci, n, Format.Index, "0.0", f.Month)
            { Change = Averaged(items.Select(i => i.Change).ToList()), VsCity = Averaged(items.Select(i => i.VsCity).ToList()) };
    }

    public static Measure Item(FigureSet f, string key)
    {
        var item = f.Items[key];
        return new Measure(ItemLabels.Short(key), item.Mean, item.Ci95, item.N, Format.Mean, "0.00", f.Month)
            { Change = Of(item.Change, 1, 2), VsCity = Of(item.VsCity, 1, 2) };
    }

    /// <summary>
    /// Month over month: called real only when the 95% interval of the difference excludes 0
    /// (Welch for means, Newcombe's method 10 for rates), never by comparing two intervals.
    /// </summary>
    public static Change Compare(Measure now, Measure before)
    {
        if (now.Value is not { } a || before.Value is not { } b) return new Change(ChangeKind.None, null);
        var d = now.Change;
        if (d is null && now.Successes is { } x && before.Successes is { } y && now.N > 0 && before.N > 0)
        {
            var rate = Differences.Newcombe(x, now.N, y, before.N);
            d = new Difference(Round(rate.Estimate, 4), rate.Low, rate.High, rate.ExcludesZero);
        }
        return d is null ? new Change(ChangeKind.Noise, a - b) : Kind(d);
    }

    /// <summary>
    /// Against the rest of the city (independent samples); None when either side is withheld. A
    /// rate's gap is computed from the counts: the city's less the area's.
    /// </summary>
    public static Change VsCity(Measure now, Measure? city = null)
    {
        if (now.VsCity is { } d) return Kind(d);
        if (now.Successes is { } x && city?.Successes is { } cx && now.N > 0 && city.N - now.N > 0 && cx - x >= 0 && cx - x <= city.N - now.N)
        {
            var rate = Differences.Newcombe(x, now.N, cx - x, city.N - now.N);
            return Kind(new Difference(Round(rate.Estimate, 4), rate.Low, rate.High, rate.ExcludesZero));
        }
        return new Change(ChangeKind.None, null);
    }

    static Change Kind(Difference d) =>
        new(!d.Significant ? ChangeKind.Noise : d.Delta > 0 ? ChangeKind.RealUp : ChangeKind.RealDown, d.Delta);

    static Difference? Of(ItemDifference? d, double scale, int digits) => d is null ? null
        : new Difference(Round(d.Mean * scale, digits), d.MeanCi95[0] * scale, d.MeanCi95[1] * scale, d.Significant);

    /// <summary>
    /// The procedural-justice index moves by the average of its four items' changes (× 25). Their
    /// correlation is unknown, so the interval averages the four intervals' limits: never narrower
    /// than the truth, as the standard deviation of a mean is at most the mean of the standard deviations.
    /// </summary>
    static Difference? Averaged(IReadOnlyList<ItemDifference?> items)
    {
        if (items.Any(i => i is null)) return null;
        double low = items.Average(i => i!.MeanCi95[0]) * 25, high = items.Average(i => i!.MeanCi95[1]) * 25;
        return new Difference(Round(items.Average(i => i!.Mean) * 25, 1), low, high, low > 0 || high < 0);
    }

    static double ToIndex(double mean) => Round(Statistics.ToIndex(mean), 1);
    static double Round(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
}
