namespace Surveys.Figures;

/// <summary>Interval estimates used by every figure (see product.md, "Figures").</summary>
public static class Statistics
{
    const double Z975 = 1.959963984540054;

    // Two-sided 95% Student-t quantiles for 1..30 degrees of freedom; beyond that the
    // Cornish-Fisher expansion below is accurate to better than 1e-4.
    static readonly double[] T975 =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    public static double TQuantile975(long df)
    {
        if (df < 1) throw new ArgumentOutOfRangeException(nameof(df));
        if (df <= T975.Length) return T975[df - 1];
        double z = Z975, v = df, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                 + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
    }

    /// <summary>Mean with a t-based 95% interval, from n, Σx and Σx²; clamped to the 1–5 scale.</summary>
    public static (double Mean, double Low, double High) MeanInterval(long n, long sum, long sumSquares)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        var mean = (double)sum / n;
        if (n == 1) return (mean, 1, 5);
        var variance = Math.Max(0, (sumSquares - (double)sum * sum / n) / (n - 1));
        var half = TQuantile975(n - 1) * Math.Sqrt(variance / n);
        return (mean, Math.Max(1, mean - half), Math.Min(5, mean + half));
    }

    /// <summary>Wilson score interval for a proportion (well-behaved near 0 and 1 and for small n).</summary>
    public static (double Low, double High) Wilson(long positives, long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        double p = (double)positives / n, z2 = Z975 * Z975;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = Z975 / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>The 1–5 scale as 0–100 (trust and procedural-justice indexes).</summary>
    public static double ToIndex(double mean) => (mean - 1) / 4 * 100;
}
