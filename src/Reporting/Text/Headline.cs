using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Reporting.Text;

/// <summary>One headline figure: its value and 95% interval as published, or withheld.</summary>
public sealed record Measure(string Label, double? Value, double[]? Ci, long N, Func<double, string> Show, string DeltaPattern, string Month)
{
    public bool Withheld => Value is null;
}

public enum ChangeKind { None, Noise, RealUp, RealDown }

public sealed record Change(ChangeKind Kind, double? Delta);

/// <summary>
/// The headline measures of a FigureSet. The values are the published ones; the few intervals the
/// stats body does not carry are derived here from published figures with Core's own Statistics
/// (a candidate to move into FigureMath so the API can return them too).
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
        return new Measure("Response rate", f.ResponseRate, ci, f.Invitations, Format.Percent, Format.Points, f.Month);
    }

    public static Measure Overall(FigureSet f)
    {
        var item = f.Items[Instrument.Overall];
        return new Measure("Overall satisfaction", item.Mean, item.Ci95, item.N, Format.Mean, "0.00", f.Month);
    }

    /// <summary>The trust index is the trust mean on a 0–100 scale, so its interval is the mean's, rescaled.</summary>
    public static Measure Trust(FigureSet f)
    {
        var item = f.Items[Instrument.Trust];
        var ci = f.TrustIndex is null || item.Ci95 is null ? null : new[] { ToIndex(item.Ci95[0]), ToIndex(item.Ci95[1]) };
        return new Measure("Trust index", f.TrustIndex, ci, item.N, Format.Index, "0.0", f.Month);
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
        return new Measure("Procedural justice index", f.ProceduralJusticeIndex, ci, n, Format.Index, "0.0", f.Month);
    }

    public static Measure Item(FigureSet f, string key)
    {
        var item = f.Items[key];
        return new Measure(ItemLabels.Short(key), item.Mean, item.Ci95, item.N, Format.Mean, "0.00", f.Month);
    }

    /// <summary>A change is called real only when the two 95% intervals do not overlap.</summary>
    public static Change Compare(Measure now, Measure before)
    {
        if (now.Value is not { } a || before.Value is not { } b) return new Change(ChangeKind.None, null);
        var delta = a - b;
        if (now.Ci is null || before.Ci is null) return new Change(ChangeKind.Noise, delta);
        if (now.Ci[0] > before.Ci[1]) return new Change(ChangeKind.RealUp, delta);
        if (now.Ci[1] < before.Ci[0]) return new Change(ChangeKind.RealDown, delta);
        return new Change(ChangeKind.Noise, delta);
    }

    static double ToIndex(double mean) => Round(Statistics.ToIndex(mean), 1);
    static double Round(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
}
