using System.Data.Common;
using Dapper;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Data;

/// <summary>The only read of raw responses in a report: at most five consented comments, redacted.</summary>
public static class Comments
{
    public const int Max = 5;
    public const int MaxPrintedLength = 700;

    // share_comment is the resident's consent to be quoted; nothing else is ever read here. A
    // comment whose author asked to file a complaint is left to internal affairs, never quoted.
    // Bounded by LIMIT, and the partial index of migration 0004 finds the newest five without
    // reading the rest of the neighborhood-month.
    public const string Sql = """
        SELECT comment FROM responses
        WHERE neighborhood = @Code AND month = @Month AND share_comment AND NOT wants_complaint
          AND comment IS NOT NULL AND comment <> ''
        ORDER BY stored_at DESC
        LIMIT 5
        """;

    public static async Task<IReadOnlyList<string>> LoadAsync(DbConnection db, string code, string month)
    {
        var rows = await db.QueryAsync<string>(Sql, new { Code = code, Month = month });
        return rows.Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => Redaction.ForPrint(c, MaxPrintedLength))
            .Take(Max)
            .ToList();
    }
}
