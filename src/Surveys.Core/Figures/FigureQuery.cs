using System.Data.Common;
using Dapper;
using Surveys.Rules;

namespace Surveys.Figures;

/// <summary>Reads one scope-month from the aggregates: two indexed look-ups whatever the volume.</summary>
public static class FigureQuery
{
    // The scope names live with the writers' fan-out and lock order (AggregateScopes).
    public const string City = AggregateScopes.City, Neighborhood = AggregateScopes.Neighborhood, Officer = AggregateScopes.Officer,
        NeighborhoodType = AggregateScopes.NeighborhoodType, CityType = AggregateScopes.CityType, OfficerType = AggregateScopes.OfficerType;

    public static async Task<FigureSet> LoadAsync(DbConnection db, string scope, string key, string month,
        SurveysOptions options, DateTimeOffset now)
    {
        // The scope's and the city's rows for this month and the one before, in one read: this
        // month's own rows are the figures, the rest feed the changes and the rest-of-city gap.
        const string totalsSql = """
            SELECT scope, month, item, n, total, total_sq AS TotalSq, positives, c1, c2, c3, c4, c5
            FROM aggregates
            WHERE month IN (@Month, @Previous) AND ((scope = @Scope AND scope_key = @Key) OR (scope = 'city' AND scope_key = ''))
            """;
        const string countsSql = """
            SELECT scope_key AS ScopeKey, invitations, responses, max_expires_at AS MaxExpiresAt
            FROM monthly_counts WHERE month = @Month AND ((scope = @Scope AND scope_key = @Key) OR (scope = 'city' AND scope_key = ''))
            """;
        var aggregates = (await db.QueryAsync<AggregateRow>(totalsSql, new { Scope = scope, Key = key, Month = month, Previous = Months.Shift(month, -1) })).ToList();
        var totals = aggregates.Where(r => r.Scope == scope && r.Month == month).Select(r => r.Totals);
        var rows = (await db.QueryAsync<(string ScopeKey, long Invitations, long Responses, long MaxExpiresAt)>(
            countsSql, new { Scope = scope, Key = key, Month = month })).ToList();
        var own = scope == City ? rows.FirstOrDefault() : rows.FirstOrDefault(r => r.ScopeKey == key);
        var city = rows.FirstOrDefault(r => r.ScopeKey == "");
        var set = FigureMath.Build(scope, scope == City ? null : key, month, !Finality.IsFinal(month, city.MaxExpiresAt, options, now),
            own.Invitations, own.Responses, totals, options.MinResponses);
        // Changes with their own intervals, and who answered (docs/figures.md).
        set = FigureChanges.Add(set, scope, aggregates, options.MinResponses);
        return set with { ByLanguage = await LanguageRates.LoadAsync(db, scope, key, month) };
    }
}
