using Surveys.Figures;

namespace Surveys.Tests.Figures;

/// <summary>The interval of a difference against published values (Newcombe 1998) and values computed by hand.</summary>
public sealed class DifferencesTests
{
    // Newcombe RG. Interval estimation for the difference between independent proportions:
    // comparison of eleven methods. Statistics in Medicine 1998; 17:873–890, Table II, method 10.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    public void Newcombe_method_10_matches_his_published_table(int x1, int n1, int x2, int n2, double low, double high)
    {
        var d = Differences.Newcombe(x1, n1, x2, n2);
        Assert.Equal(low, Math.Round(d.Low, 4));
        Assert.Equal(high, Math.Round(d.High, 4));
        Assert.True(d.ExcludesZero);
    }

    // Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
    // methods. Statistics in Medicine 1998; 17:857–872 (Wilson score method without continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(0, 20, 0.0, 0.1611)]
    public void Wilson_matches_the_companion_papers_values(int x, int n, double low, double high)
    {
        var (l, h) = Statistics.Wilson(x, n);
        Assert.Equal(low, Math.Round(l, 4));
        Assert.Equal(high, Math.Round(h, 4));
    }

    [Fact]
    public void Welch_interval_matches_a_hand_computation()
    {
        // A: 5,4,4,3,5,2,4,5,1,4,3,5 (n 12, Σx 45, Σx² 187: mean 3.75, s² 1.659091).
        // B: 1,2,2,3,3,3,4,4,5,5 (n 10, Σx 32, Σx² 118: mean 3.20, s² 1.733333).
        // se² = 1.659091/12 + 1.733333/10 = 0.311591; df = 0.311591² / (0.138258²/11 + 0.173333²/9) = 19.127;
        // t(0.975, 19.127) = 2.09208 (mpmath); half-width 2.09208 × 0.558203 = 1.16781.
        var d = Differences.WelchFromSums(12, 45, 187, 10, 32, 118);
        Assert.Equal(0.55, d.Estimate, 10);
        Assert.Equal(-0.6178, Math.Round(d.Low, 4));
        Assert.Equal(1.7178, Math.Round(d.High, 4));
        Assert.False(d.ExcludesZero);
    }

    [Fact]
    public void Welch_with_one_side_constant_has_that_other_sides_degrees_of_freedom()
    {
        // Ten answers of 4 (no spread) against A above: se = √(1.659091/12) = 0.371830, df = 11,
        // t(11) = 2.2010 from the printed table: 0.25 ± 0.81840.
        var d = Differences.WelchFromSums(10, 40, 160, 12, 45, 187);
        Assert.Equal(-0.5684, Math.Round(d.Low, 4));
        Assert.Equal(1.0684, Math.Round(d.High, 4));
    }

    [Fact]
    public void A_change_two_overlapping_intervals_would_call_noise_is_real_by_its_own_interval()
    {
        // 70% of 200 against 60% of 200: the two Wilson intervals overlap (63.3–75.9% and 53.1–66.5%),
        // yet the difference's interval lies wholly above zero.
        var (l1, _) = Statistics.Wilson(140, 200);
        var (_, h2) = Statistics.Wilson(120, 200);
        Assert.True(l1 < h2);
        Assert.True(Differences.Newcombe(140, 200, 120, 200).ExcludesZero);
    }

    [Theory]
    [InlineData(19.5, 2.0894)]
    [InlineData(2.5, 3.5747)]
    [InlineData(11, 2.2010)]
    public void T_quantile_for_fractional_degrees_of_freedom_matches_mpmath(double df, double expected) =>
        Assert.Equal(expected, Math.Round(Distributions.TQuantile975(df), 4));

    [Fact]
    public void Beta_quantiles_match_mpmath_and_the_closed_forms()
    {
        Assert.Equal(0.504544, Math.Round(Distributions.BetaQuantile(0.025, 24.5, 12.5), 6));
        Assert.Equal(0.803177, Math.Round(Distributions.BetaQuantile(0.975, 24.5, 12.5), 6));
        Assert.Equal(0.3, Distributions.BetaQuantile(0.3, 1, 1), 9); // uniform
        Assert.Equal(Math.Pow(0.5, 1.0 / 3), Distributions.BetaQuantile(0.5, 3, 1), 9); // F(x) = x³
    }
}
