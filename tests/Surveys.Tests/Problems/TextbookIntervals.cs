namespace Surveys.Tests.ProblemSolving;

/// <summary>
/// Welch's and Newcombe's intervals written again from the textbook formulas, independent of the
/// product's Surveys.Figures code (its own t table, Wilson and Newcombe), so the assessment is
/// checked against a second implementation rather than against itself.
/// </summary>
public static class TextbookIntervals
{
    const double Z = 1.959963984540054;

    public static (double D, double Low, double High) Welch(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        double ma = a.Average(), mb = b.Average();
        double va = a.Sum(x => (x - ma) * (x - ma)) / (a.Count - 1) / a.Count, vb = b.Sum(x => (x - mb) * (x - mb)) / (b.Count - 1) / b.Count;
        var df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        var half = TQuantile975(df) * Math.Sqrt(va + vb);
        return (ma - mb, ma - mb - half, ma - mb + half);
    }

    /// <summary>Newcombe (1998), method 10: the hybrid score interval from each side's Wilson limits.</summary>
    public static (double D, double Low, double High) Newcombe(int x1, int n1, int x2, int n2)
    {
        double p1 = (double)x1 / n1, p2 = (double)x2 / n2;
        var (l1, u1) = Wilson(p1, n1);
        var (l2, u2) = Wilson(p2, n2);
        return (p1 - p2, p1 - p2 - Math.Sqrt(Math.Pow(p1 - l1, 2) + Math.Pow(u2 - p2, 2)), p1 - p2 + Math.Sqrt(Math.Pow(u1 - p1, 2) + Math.Pow(p2 - l2, 2)));
    }

    static (double, double) Wilson(double p, int n)
    {
        double a = 2 * n * p + Z * Z, b = Z * Math.Sqrt(Z * Z + 4 * n * p * (1 - p)), c = 2 * (n + Z * Z);
        return ((a - b) / c, (a + b) / c);
    }

    /// <summary>The t distribution's 97.5% point for fractional df, by bisection on its CDF (regularized incomplete beta).</summary>
    public static double TQuantile975(double df)
    {
        double lo = 0, hi = 20;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (1 - 0.5 * IncompleteBeta(df / 2, 0.5, df / (df + mid * mid)) < 0.975) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    static double IncompleteBeta(double a, double b, double x)
    {
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2) ? front * Fraction(a, b, x) / a : 1 - front * Fraction(b, a, 1 - x) / b;
    }

    // Lentz's continued fraction (Numerical Recipes, betacf).
    static double Fraction(double a, double b, double x)
    {
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / d;
        var h = d;
        for (var m = 1; m < 300; m++)
        {
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / (1 + aa * d); c = 1 + aa / c; h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / (1 + aa * d); c = 1 + aa / c; h *= d * c;
        }
        return h;
    }

    // Lanczos approximation (g = 7, n = 9).
    static double LogGamma(double x)
    {
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var s = g[0];
        for (var i = 1; i < 9; i++) s += g[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(s);
    }
}
