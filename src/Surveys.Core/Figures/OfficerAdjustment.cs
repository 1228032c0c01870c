using System.Data.Common;
using Dapper;

namespace Surveys.Figures;

/// <summary>
/// An officer's overall satisfaction over a window of months, compared only with what the officer
/// was sent to (api-contract.md, "Figures (added)"; docs/figures.md): null figures below MinResponses.
/// </summary>
public sealed record AdjustedFigures(string From, string To, long N, bool Suppressed,
    double? PctPositive, double? ExpectedPctPositive, double? StandardisedRatio, double? ShrunkPctPositive, double[]? ShrunkPctPositiveCi95,
    double? Mean, double? ExpectedMean, double? ShrunkMean, double[]? ShrunkMeanCi95, string? Direction);

/// <summary>
/// Indirect standardisation and empirical-Bayes shrinkage for every officer at once (the prior is
/// estimated from all of them): the department's rate for each contact type, applied to the
/// officer's own mix of contact types, is what the officer is expected to score.
/// </summary>
public static class OfficerAdjustment
{
    public const string Below = "below", Above = "above", Within = "within";

    sealed record Cell(string ScopeKey, long N, long Total, long TotalSq, long Positives);

    public static async Task<IReadOnlyDictionary<string, AdjustedFigures>> LoadAsync(DbConnection db, string from, string to, int minResponses)
    {
        // Only the overall item; the officer-type query matches the partial index of migration 0012.
        const string officerSql = """
            SELECT scope_key AS ScopeKey, CAST(SUM(n) AS BIGINT) AS N, CAST(SUM(total) AS BIGINT) AS Total,
                   CAST(SUM(total_sq) AS BIGINT) AS TotalSq, CAST(SUM(positives) AS BIGINT) AS Positives
            FROM aggregates WHERE scope = 'officer-type' AND item = 'overall' AND month >= @From AND month <= @To
            GROUP BY scope_key
            """;
        const string departmentSql = """
            SELECT scope_key AS ScopeKey, CAST(SUM(n) AS BIGINT) AS N, CAST(SUM(total) AS BIGINT) AS Total,
                   CAST(SUM(total_sq) AS BIGINT) AS TotalSq, CAST(SUM(positives) AS BIGINT) AS Positives
            FROM aggregates WHERE scope = 'city-type' AND item = 'overall' AND month >= @From AND month <= @To
            GROUP BY scope_key
            """;
        var window = new { From = from, To = to };
        var department = (await db.QueryAsync<Cell>(departmentSql, window)).ToDictionary(c => c.ScopeKey);
        var officers = (await db.QueryAsync<Cell>(officerSql, window))
            .Select(c => (Badge: c.ScopeKey[..c.ScopeKey.LastIndexOf('/')], Type: c.ScopeKey[(c.ScopeKey.LastIndexOf('/') + 1)..], Cell: c))
            .GroupBy(c => c.Badge, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => (c.Type, c.Cell)).ToList(), StringComparer.Ordinal);
        return Compute(from, to, department, officers, minResponses);
    }

    static Dictionary<string, AdjustedFigures> Compute(string from, string to, Dictionary<string, Cell> department,
        Dictionary<string, List<(string Type, Cell Cell)>> officers, int minResponses)
    {
        // An answer's spread around its own contact type's mean, pooled over the department.
        long dn = department.Values.Sum(c => c.N);
        var within = dn > department.Count
            ? department.Values.Sum(c => c.TotalSq - (double)c.Total * c.Total / c.N) / (dn - department.Count) : 0;
        var rows = officers.ToDictionary(o => o.Key, o => Standardise(o.Value, department));
        var beta = Shrinkage.BetaBinomialPriorStrength(rows.Values.Select(r => new Shrinkage.Officer(r.N, r.Pct, r.ExpectedPct)));
        var tau2 = Shrinkage.BetweenOfficerVariance(rows.Values.Select(r => new Shrinkage.Officer(r.N, r.Mean, r.ExpectedMean)), within);

        var result = new Dictionary<string, AdjustedFigures>(StringComparer.Ordinal);
        foreach (var (badge, r) in rows)
        {
            if (r.N < Math.Max(1, minResponses)) { result[badge] = Withheld(from, to, r.N); continue; }
            var p = Shrinkage.BetaBinomial(r.Positives, r.N, r.ExpectedPct, beta);
            var m = Shrinkage.Normal(r.Mean, r.N, r.ExpectedMean, within, tau2);
            var direction = p.High < r.ExpectedPct ? Below : p.Low > r.ExpectedPct ? Above : Within;
            result[badge] = new AdjustedFigures(from, to, r.N, false, R4(r.Pct), R4(r.ExpectedPct),
                r.ExpectedPct > 0 ? R4(r.Pct / r.ExpectedPct) : null, R4(p.Estimate), [R4(p.Low), R4(p.High)],
                R2(r.Mean), R2(r.ExpectedMean), R2(m.Estimate), [R2(m.Low), R2(m.High)], direction);
        }
        return result;
    }

    public static AdjustedFigures Withheld(string from, string to, long n) =>
        new(from, to, n, true, null, null, null, null, null, null, null, null, null, null);

    public sealed record Standardised(long N, long Positives, double Pct, double ExpectedPct, double Mean, double ExpectedMean);

    /// <summary>
    /// Indirect standardisation: expected = Σ over contact types of the officer's answers of that
    /// type × the department's rate for that type, divided by the officer's answers.
    /// </summary>
    public static Standardised Standardise(IEnumerable<(string Type, long N, long Total, long Positives)> mix,
        IReadOnlyDictionary<string, (long N, long Total, long Positives)> department)
    {
        long n = 0, total = 0, positives = 0;
        double expectedPositives = 0, expectedTotal = 0;
        foreach (var (type, tn, tTotal, tPositives) in mix)
        {
            n += tn; total += tTotal; positives += tPositives;
            if (!department.TryGetValue(type, out var d) || d.N == 0) continue;
            expectedPositives += tn * (double)d.Positives / d.N;
            expectedTotal += tn * (double)d.Total / d.N;
        }
        return n == 0 ? new Standardised(0, 0, 0, 0, 0, 0)
            : new Standardised(n, positives, (double)positives / n, expectedPositives / n, (double)total / n, expectedTotal / n);
    }

    static Standardised Standardise(List<(string Type, Cell Cell)> mix, Dictionary<string, Cell> department) =>
        Standardise(mix.Select(m => (m.Type, m.Cell.N, m.Cell.Total, m.Cell.Positives)),
            department.ToDictionary(d => d.Key, d => (d.Value.N, d.Value.Total, d.Value.Positives)));

    static double R2(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
    static double R4(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}
