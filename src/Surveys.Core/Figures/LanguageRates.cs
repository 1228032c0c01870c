using System.Data.Common;
using Dapper;
using Surveys.Data;

namespace Surveys.Figures;

/// <summary>
/// Response rates by the contact's language for a scope-month (who answered, and who did not):
/// the month's languages from the city row, then this scope's rows by primary key.
/// </summary>
public static class LanguageRates
{
    public static async Task<IReadOnlyDictionary<string, LanguageRate>> LoadAsync(DbConnection db, string scope, string key, string month)
    {
        var languageScope = scope switch
        {
            AggregateScopes.City => AggregateScopes.CityLanguage,
            AggregateScopes.Neighborhood => AggregateScopes.NeighborhoodLanguage,
            AggregateScopes.Officer => AggregateScopes.OfficerLanguage,
            _ => null,
        };
        var result = new SortedDictionary<string, LanguageRate>(StringComparer.Ordinal);
        if (languageScope is null) return result;
        const string languagesSql = "SELECT scope_key FROM monthly_counts WHERE scope = 'city-language' AND month = @Month";
        var languages = (await db.QueryAsync<string>(languagesSql, new { Month = month })).ToList();
        if (languages.Count == 0) return result;

        var keys = languages.ToDictionary(l => languageScope == AggregateScopes.CityLanguage ? l : $"{key}/{l}", l => l);
        var sql = $"""
            SELECT scope_key AS ScopeKey, invitations, responses FROM monthly_counts
            WHERE scope = @Scope AND month = @Month AND {Db.AnyOf(db, "scope_key", "Keys")}
            """;
        foreach (var row in await db.QueryAsync<(string ScopeKey, long Invitations, long Responses)>(sql,
                     new { Scope = languageScope, Month = month, Keys = keys.Keys.ToArray() }))
            result[keys[row.ScopeKey]] = Rate(row.Invitations, row.Responses);
        return result;
    }

    /// <summary>Responses / invitations with a Wilson interval; none without invitations (or with more responses than counted invitations).</summary>
    public static LanguageRate Rate(long invitations, long responses)
    {
        if (invitations <= 0 || responses > invitations) return new LanguageRate(invitations, responses, null, null);
        var (low, high) = Statistics.Wilson(responses, invitations);
        return new LanguageRate(invitations, responses, R4((double)responses / invitations), [R4(low), R4(high)]);
    }

    static double R4(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);
}
