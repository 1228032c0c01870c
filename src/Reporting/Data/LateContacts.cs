using System.Data.Common;
using Dapper;
using Surveys.Rules;

namespace Surveys.Reporting.Data;

/// <summary>Contacts for earlier months that arrived during this one, after those months stopped taking invitations.</summary>
// A class, not a positional record: on an empty result SQLite types COUNT(*) as a blob, which
// Dapper's constructor matching refuses.
public sealed class LateMonth
{
    public string Month { get; init; } = "";
    public long Contacts { get; init; }
}

public static class LateContacts
{
    /// <summary>
    /// Counted by the month they arrived in, so each late contact is announced once, in the first
    /// report written after it came, and a month's reports never change once it has ended.
    /// </summary>
    public static async Task<IReadOnlyList<LateMonth>> LoadAsync(DbConnection db, string? neighborhood, ReportContext context)
    {
        // Both texts repeat the partial index's predicate (migration 0007) so both dialects use it.
        const string citySql = """
            SELECT month, COUNT(*) AS Contacts FROM contacts
            WHERE status = 'late' AND created_at >= @From AND created_at < @To
            GROUP BY month ORDER BY month
            """;
        const string neighborhoodSql = """
            SELECT month, COUNT(*) AS Contacts FROM contacts
            WHERE status = 'late' AND created_at >= @From AND created_at < @To AND neighborhood = @Neighborhood
            GROUP BY month ORDER BY month
            """;
        var range = new
        {
            From = Months.End(context.PreviousMonth, context.Zone).ToUnixTimeMilliseconds(),
            To = Months.End(context.Month, context.Zone).ToUnixTimeMilliseconds(), Neighborhood = neighborhood,
        };
        return (await db.QueryAsync<LateMonth>(neighborhood is null ? citySql : neighborhoodSql, range)).ToList();
    }
}
