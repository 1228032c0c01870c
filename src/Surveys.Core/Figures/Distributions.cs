namespace Surveys.Figures;

/// <summary>
/// The few distribution functions the difference tests and the shrinkage need, for real (not only
/// whole) degrees of freedom and parameters: Welch's degrees of freedom are fractional, and a
/// posterior Beta has fractional parameters.
/// </summary>
public static class Distributions
{
    /// <summary>Regularised incomplete beta I_x(a, b) (continued fraction, Lentz's method).</summary>
    public static double IncompleteBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        // The fraction converges fast only on this side of the mean; use the symmetry otherwise.
        return x < (a + 1) / (a + b + 2) ? front * Fraction(x, a, b) / a : 1 - front * Fraction(1 - x, b, a) / b;
    }

    /// <summary>Two-sided 95% quantile of Student's t with <paramref name="df"/> (any real df &gt; 0).</summary>
    public static double TQuantile975(double df) => Invert(t => StudentT(t, df), 0.975, 0, 1000);

    /// <summary>The <paramref name="p"/> quantile of Beta(a, b).</summary>
    public static double BetaQuantile(double p, double a, double b) => Invert(x => IncompleteBeta(x, a, b), p, 0, 1);

    public static double StudentT(double t, double df)
    {
        var tail = 0.5 * IncompleteBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    // Bisection: slower than Newton but cannot overshoot, and 200 halvings reach double precision
    // on any bracket used here. Each figure needs only a handful of quantiles.
    static double Invert(Func<double, double> cdf, double p, double low, double high)
    {
        for (var i = 0; i < 200 && high - low > 1e-15 * Math.Max(1, Math.Abs(high)); i++)
        {
            var mid = (low + high) / 2;
            if (cdf(mid) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    static double Fraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var h = d;
        for (var m = 1; m <= 500; m++)
        {
            foreach (var numerator in new[] { m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)) })
            {
                d = 1 + numerator * d;
                d = 1 / (Math.Abs(d) < tiny ? tiny : d);
                c = 1 + numerator / c;
                if (Math.Abs(c) < tiny) c = tiny;
                h *= d * c;
            }
            if (Math.Abs(d * c - 1) < 1e-15) break;
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms: about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var sum = g[0];
        for (var i = 1; i < g.Length; i++) sum += g[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
