namespace Surveys.Figures;

/// <summary>An estimated difference (this − that) with its 95% interval.</summary>
public readonly record struct DifferenceInterval(double Estimate, double Low, double High)
{
    /// <summary>A change is called real only when the interval of the difference excludes 0.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}

/// <summary>
/// The one implementation of "is this change real?" (docs/figures.md): the interval of the
/// difference itself. Two separate 95% intervals that merely fail to overlap amount to a test at
/// about p &lt; 0.006, so checking overlap calls most real changes noise.
/// </summary>
public static class Differences
{
    /// <summary>Welch's t interval for a difference of means, from each side's n, Σx and Σx².</summary>
    public static DifferenceInterval WelchFromSums(long n1, double sum1, double sumSq1, long n2, double sum2, double sumSq2) =>
        Welch(sum1 / n1, Variance(n1, sum1, sumSq1), n1, sum2 / n2, Variance(n2, sum2, sumSq2), n2);

    /// <summary>
    /// Welch's t: unequal variances, Satterthwaite's (fractional) degrees of freedom. Both sides
    /// need n ≥ 2. When neither side varies at all the interval is the difference itself.
    /// </summary>
    public static DifferenceInterval Welch(double mean1, double var1, long n1, double mean2, double var2, long n2)
    {
        if (n1 < 2 || n2 < 2) throw new ArgumentOutOfRangeException(nameof(n1), "Welch's interval needs at least two answers on each side.");
        var d = mean1 - mean2;
        double a = var1 / n1, b = var2 / n2, se2 = a + b;
        if (se2 <= 0) return new DifferenceInterval(d, d, d);
        var df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
        var half = Distributions.TQuantile975(df) * Math.Sqrt(se2);
        return new DifferenceInterval(d, d - half, d + half);
    }

    /// <summary>
    /// Newcombe's hybrid score interval (1998, method 10) for p1 − p2 of independent samples: each
    /// side's Wilson limits, combined. Good coverage for small n and for p near 0 or 1, where the
    /// simple Wald interval fails.
    /// </summary>
    public static DifferenceInterval Newcombe(long x1, long n1, long x2, long n2)
    {
        double p1 = (double)x1 / n1, p2 = (double)x2 / n2, d = p1 - p2;
        var (l1, u1) = Statistics.Wilson(x1, n1);
        var (l2, u2) = Statistics.Wilson(x2, n2);
        var low = d - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
        var high = d + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
        return new DifferenceInterval(d, Math.Max(-1, low), Math.Min(1, high));
    }

    /// <summary>Sample variance from sums (never negative from rounding).</summary>
    public static double Variance(long n, double sum, double sumSq) => n < 2 ? 0 : Math.Max(0, (sumSq - sum * sum / n) / (n - 1));
}
