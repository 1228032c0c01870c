using System.Data.Common;
using Dapper;

namespace Surveys.Reporting.Data;

/// <summary>The residents' words a report prints: at most five comments, as a reviewer approved them.</summary>
public static class Comments
{
    public const int Max = 5;
    public const int MaxPrintedLength = 700;

    // Only approved text is read, never responses.comment: a consented comment is queued for review
    // by the worker (unless it raised an IA flag) and quoted once a chief or administrator approved
    // the redacted, edited text (CommentReview). The NOT EXISTS re-checks the IA rule at every read,
    // so an allegation is never printed even if a flag reached it after approval. Bounded by LIMIT:
    // the partial index of migration 0010 finds the newest five without reading the rest.
    public const string Sql = """
        SELECT cr.quote FROM comment_reviews cr
        WHERE cr.neighborhood = @Code AND cr.month = @Month AND cr.status = 'approved'
          AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.response_id = cr.response_id AND f.queue = 'ia')
        ORDER BY cr.stored_at DESC
        LIMIT 5
        """;

    public static async Task<IReadOnlyList<string>> LoadAsync(DbConnection db, string code, string month) =>
        (await db.QueryAsync<string>(Sql, new { Code = code, Month = month })).ToList();
}
