using System.Data.Common;
using Dapper;
using Surveys.Figures;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Api.Figures;

/// <summary>
/// Which month the console's figures pages show and which they link to: the asked-for month, else
/// the latest one with a response (a new user should not land on the current, still empty month);
/// never a link into the future. Also the twelve-month trends, drawn as the PDF draws them.
/// </summary>
public static class FigureMonths
{
    public static async Task<string> PickAsync(DbConnection db, string? month, string scope, string key, DateTimeOffset now, SurveysOptions o)
    {
        if (month is not null && Months.TryParse(month, out _)) return month;
        var current = Months.Of(now, o.Zone);
        const string sql = """
            SELECT MAX(month) FROM monthly_counts
            WHERE scope = @Scope AND scope_key = @Key AND responses > 0 AND month <= @Current
            """;
        return await db.ExecuteScalarAsync<string?>(sql, new { Scope = scope, Key = key, Current = current }) ?? current;
    }

    public static string Nav(string path, string m, DateTimeOffset now, SurveysOptions o)
    {
        var (previous, next) = (Months.Shift(m, -1), Months.Shift(m, 1));
        var later = string.CompareOrdinal(next, Months.Of(now, o.Zone)) <= 0 ? $" <a href=\"{path}?month={next}\">{next} →</a>" : "";
        return $"<p class=\"tabs\"><a href=\"{path}?month={previous}\">← {previous}</a> <strong>{m}</strong>{later}</p>";
    }

    /// <summary>Overall satisfaction and the trust index over the twelve months ending with the page's month.</summary>
    public static string Trends(IReadOnlyList<FigureSet> trend, int minResponses)
    {
        static IReadOnlyList<TrendPoint> Points(IReadOnlyList<FigureSet> sets, Func<FigureSet, Measure> measure) =>
            Surveys.Reporting.Neighborhood.NeighborhoodReport.Series("", sets, measure).Points;
        var withheld = Format.Withheld(minResponses);
        return "<h2>Twelve-month trend</h2>"
            + TrendChart.Html("trend-overall", "Overall satisfaction (mean, 1–5)", Points(trend, Headline.Overall), 1, 5, [1, 2, 3, 4, 5], Format.Mean, withheld)
            + TrendChart.Html("trend-trust", "Trust index (0–100)", Points(trend, Headline.Trust), 0, 100, [0, 25, 50, 75, 100], Format.Index, withheld);
    }
}
