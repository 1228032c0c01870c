using System.Data.Common;
using Dapper;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Data;

/// <summary>The only read of raw responses in a report: at most five consented comments, redacted.</summary>
public static class Comments
{
    public const int Max = 5;
    public const int MaxPrintedLength = 700;

    public static async Task<IReadOnlyList<string>> LoadAsync(DbConnection db, string code, string month)
    {
        // share_comment is the resident's consent to be quoted; nothing else is ever read here.
        // Bounded by LIMIT on the (neighborhood, month) index; see docs/reports.md for the partial
        // index that makes the newest-first order free at any volume.
        const string sql = """
            SELECT comment FROM responses
            WHERE neighborhood = @Code AND month = @Month AND share_comment AND comment IS NOT NULL AND comment <> ''
            ORDER BY stored_at DESC
            LIMIT 5
            """;
        var rows = await db.QueryAsync<string>(sql, new { Code = code, Month = month });
        return rows.Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => Redaction.ForPrint(c, MaxPrintedLength))
            .Take(Max)
            .ToList();
    }
}
