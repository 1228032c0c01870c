namespace Surveys.Figures;

/// <summary>
/// Empirical-Bayes estimates for one officer among many (docs/figures.md): each officer's figure
/// is pulled toward what the department's rates predict for that officer's own contact-type mix,
/// the more so the fewer answers the officer has and the less officers really differ.
/// </summary>
public static class Shrinkage
{
    /// <summary>The prior never weighs more than this many answers, even when officers look identical.</summary>
    public const double MaxPriorAnswers = 1000;

    public readonly record struct Officer(long N, double Observed, double Expected);

    /// <summary>
    /// Prior strength M (in answers) of the beta-binomial: method of moments on the spread of the
    /// officers' % positive around their expected values. With intra-class correlation ρ,
    /// E[n (p̂ − e)² / (e (1 − e))] = 1 + (n − 1) ρ, so ρ̂ = Σ (z² − 1) / Σ (n − 1) and M = 1/ρ̂ − 1.
    /// </summary>
    public static double BetaBinomialPriorStrength(IEnumerable<Officer> officers)
    {
        double excess = 0, weight = 0;
        foreach (var o in officers.Where(o => o.N >= 2 && o.Expected is > 0 and < 1))
        {
            excess += o.N * (o.Observed - o.Expected) * (o.Observed - o.Expected) / (o.Expected * (1 - o.Expected)) - 1;
            weight += o.N - 1;
        }
        var rho = weight > 0 ? excess / weight : 0;
        return rho <= 1 / (MaxPriorAnswers + 1) ? MaxPriorAnswers : Math.Max(1, 1 / rho - 1);
    }

    /// <summary>
    /// Posterior of an officer's % positive: Beta(M·e + x, M·(1 − e) + n − x); its mean and
    /// equal-tailed 95% interval.
    /// </summary>
    public static (double Estimate, double Low, double High) BetaBinomial(long positives, long n, double expected, double priorStrength)
    {
        // A department rate of exactly 0 or 1 would make the prior degenerate.
        var e = Math.Clamp(expected, 1e-6, 1 - 1e-6);
        double a = priorStrength * e + positives, b = priorStrength * (1 - e) + n - positives;
        return (a / (a + b), Distributions.BetaQuantile(0.025, a, b), Distributions.BetaQuantile(0.975, a, b));
    }

    /// <summary>
    /// Between-officer variance τ² of mean scores (method of moments: the squared gaps from the
    /// expected means less what sampling alone explains, σ²/n), floored so the prior is worth at
    /// most <see cref="MaxPriorAnswers"/> answers.
    /// </summary>
    public static double BetweenOfficerVariance(IEnumerable<Officer> officers, double withinVariance)
    {
        var gaps = officers.Where(o => o.N >= 1).Select(o => (o.Observed - o.Expected) * (o.Observed - o.Expected) - withinVariance / o.N).ToList();
        var tau2 = gaps.Count > 0 ? gaps.Average() : 0;
        return Math.Max(tau2, withinVariance / MaxPriorAnswers);
    }

    /// <summary>Normal-normal posterior of an officer's mean: weight τ²/(τ² + σ²/n) on the officer's own mean, 95% interval.</summary>
    public static (double Estimate, double Low, double High) Normal(double mean, long n, double expected, double withinVariance, double tau2)
    {
        var sampling = withinVariance / n;
        var w = tau2 + sampling > 0 ? tau2 / (tau2 + sampling) : 0;
        var estimate = expected + w * (mean - expected);
        var half = 1.959963984540054 * Math.Sqrt(w * sampling);
        return (estimate, estimate - half, estimate + half);
    }
}
