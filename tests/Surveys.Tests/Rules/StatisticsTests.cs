using Surveys.Figures;

namespace Surveys.Tests.Rules;

/// <summary>Figures against values computed by hand (and checked with a second tool).</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Mean_interval_uses_students_t()
    {
        // 5,4,4,3,5,2,4,5,1,4,3,5: n 12, Σx 45, Σx² 187, s = 1.28806, t(11) = 2.2010
        var (mean, low, high) = Statistics.MeanInterval(12, 45, 187);
        Assert.Equal(3.75, mean);
        Assert.Equal(2.9316, low, 4);
        Assert.Equal(4.5684, high, 4);
    }

    [Fact]
    public void Wilson_interval_matches_the_closed_form()
    {
        var (low, high) = Statistics.Wilson(8, 12);
        Assert.Equal(0.3906, low, 4);
        Assert.Equal(0.8619, high, 4);
        Assert.Equal((0.0, 0.2775), (Statistics.Wilson(0, 10).Low, Math.Round(Statistics.Wilson(0, 10).High, 4)));
    }

    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(9, 2.2622)]
    [InlineData(30, 2.0423)]
    [InlineData(60, 2.0003)]
    [InlineData(1000, 1.9623)]
    public void T_quantiles_match_published_tables(int df, double expected) => Assert.Equal(expected, Statistics.TQuantile975(df), 3);

    [Fact]
    public void Item_below_the_threshold_keeps_n_and_withholds_the_rest()
    {
        var figures = FigureMath.Item(new ItemTotals("overall", 9, 36, 150, 7, 0, 1, 1, 3, 4), minResponses: 10);
        Assert.Equal(9, figures.N);
        Assert.True(figures.Suppressed);
        Assert.Null(figures.Mean);
        Assert.Null(figures.Ci95);
        Assert.Null(figures.PctPositive);
        Assert.Null(figures.Distribution);
    }

    [Fact]
    public void Indexes_put_the_1_to_5_scale_on_0_to_100()
    {
        var totals = new[] { ("trust", 4L), ("respect", 5L), ("voice", 4L), ("fairness", 3L), ("explanation", 4L) }
            .Select(x => new ItemTotals(x.Item1, 10, x.Item2 * 10, x.Item2 * x.Item2 * 10, x.Item2 >= 4 ? 10 : 0, 0, 0, 0, 0, 0));
        var set = FigureMath.Build("city", null, "2026-10", false, 20, 10, totals, 10);
        Assert.Equal(75.0, set.TrustIndex);
        Assert.Equal(75.0, set.ProceduralJusticeIndex);
        Assert.Equal(0.5, set.ResponseRate);
    }
}
