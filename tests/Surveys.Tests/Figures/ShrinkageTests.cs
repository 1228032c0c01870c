using Surveys.Figures;

namespace Surveys.Tests.Figures;

/// <summary>Standardisation and empirical-Bayes shrinkage against closed forms and the worked example in docs/figures.md.</summary>
public sealed class ShrinkageTests
{
    // docs/figures.md, "A worked example": the department's six months by contact type.
    static readonly Dictionary<string, (long N, long Total, long Positives)> Department = new()
    {
        ["call-for-service"] = (800, 3360, 640), // 80% positive, mean 4.20
        ["traffic-stop"] = (400, 1440, 240),     // 60% positive, mean 3.60
        ["arrest"] = (200, 580, 80),             // 40% positive, mean 2.90
    };

    [Fact]
    public void Standardisation_reproduces_the_worked_example_in_the_docs()
    {
        // Officer A: 10 calls, 10 stops, 30 arrests; 27 of 50 positive; answers summing to 170.
        var a = OfficerAdjustment.Standardise([("call-for-service", 10, 45, 9), ("traffic-stop", 10, 38, 6), ("arrest", 30, 87, 12)], Department);
        Assert.Equal(50, a.N);
        Assert.Equal(0.54, a.Pct, 10);
        Assert.Equal(0.52, a.ExpectedPct, 10);           // (10×0.80 + 10×0.60 + 30×0.40) / 50 = 26 / 50
        Assert.Equal(1.0385, Math.Round(a.Pct / a.ExpectedPct, 4)); // 27 / 26
        Assert.Equal(3.30, a.ExpectedMean, 10);          // (10×4.2 + 10×3.6 + 30×2.9) / 50
        // Officer B: 45 calls, 5 stops; 35 of 50 positive: a higher raw figure, a lower standardised one.
        var b = OfficerAdjustment.Standardise([("call-for-service", 45, 180, 32), ("traffic-stop", 5, 17, 3)], Department);
        Assert.Equal(0.70, b.Pct, 10);
        Assert.Equal(0.78, b.ExpectedPct, 10);           // (45×0.80 + 5×0.60) / 50 = 39 / 50
        Assert.Equal(0.8974, Math.Round(b.Pct / b.ExpectedPct, 4));

        // With a prior worth 50 answers: (27 + 50×0.52) / 100 and (35 + 50×0.78) / 100.
        Assert.Equal(0.53, Shrinkage.BetaBinomial(27, 50, a.ExpectedPct, 50).Estimate, 10);
        Assert.Equal(0.74, Shrinkage.BetaBinomial(35, 50, b.ExpectedPct, 50).Estimate, 10);
    }

    [Fact]
    public void Beta_binomial_posterior_matches_the_closed_form()
    {
        // Prior Beta(10×0.8, 10×0.2) = Beta(8, 2); 12 of 20 positive → posterior Beta(20, 10), mean 2/3.
        var (estimate, low, high) = Shrinkage.BetaBinomial(12, 20, 0.8, 10);
        Assert.Equal(2.0 / 3, estimate, 12);
        // For whole a and b, I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a): the limits leave 2.5% each side.
        Assert.Equal(0.025, BinomialUpperTail(29, low, 20), 9);
        Assert.Equal(0.975, BinomialUpperTail(29, high, 20), 9);
        Assert.Equal(0.491677, Math.Round(low, 6));  // mpmath
        Assert.Equal(0.820616, Math.Round(high, 6));
    }

    [Fact]
    public void Prior_strength_is_the_method_of_moments_estimate()
    {
        // z² = 20 × 0.2² / 0.16 = 5 and 0: ρ = ((5 − 1) + (0 − 1)) / (19 + 19) = 3/38, M = 38/3 − 1 = 35/3.
        var m = Shrinkage.BetaBinomialPriorStrength([new(20, 0.6, 0.8), new(20, 0.8, 0.8)]);
        Assert.Equal(35.0 / 3, m, 10);
        // Officers no more spread than chance allows: the prior is capped, not infinite.
        Assert.Equal(Shrinkage.MaxPriorAnswers, Shrinkage.BetaBinomialPriorStrength([new(20, 0.8, 0.8), new(30, 0.8, 0.8)]));
    }

    [Fact]
    public void Normal_shrinkage_weighs_the_officer_by_signal_over_signal_plus_noise()
    {
        // σ² = 1, n = 25 → σ²/n = 0.04 = τ²: weight ½; 3.6 + ½ × 0.4 = 3.8 ± 1.96 × √(½ × 0.04).
        var (estimate, low, high) = Shrinkage.Normal(4.0, 25, 3.6, 1.0, 0.04);
        Assert.Equal(3.8, estimate, 10);
        Assert.Equal(3.5228, Math.Round(low, 4));
        Assert.Equal(4.0772, Math.Round(high, 4));
        // τ² by moments: gaps² 0.25 and 0.01 less σ²/n 0.04 each → (0.21 − 0.03) / 2 = 0.09.
        Assert.Equal(0.09, Shrinkage.BetweenOfficerVariance([new(25, 4.1, 3.6), new(25, 3.5, 3.6)], 1.0), 10);
    }

    static double BinomialUpperTail(int trials, double p, int atLeast)
    {
        double sum = 0;
        for (var k = atLeast; k <= trials; k++) sum += Math.Exp(LogChoose(trials, k) + k * Math.Log(p) + (trials - k) * Math.Log(1 - p));
        return sum;
    }

    static double LogChoose(int n, int k) => Distributions.LogGamma(n + 1) - Distributions.LogGamma(k + 1) - Distributions.LogGamma(n - k + 1);
}
