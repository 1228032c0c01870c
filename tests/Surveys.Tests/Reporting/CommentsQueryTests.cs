using Dapper;
using Surveys.ReportBench;
using Surveys.Reporting.Data;

namespace Surveys.Tests.Reporting;

public class CommentsQueryTests
{
    /// <summary>
    /// The report's one read of rows: approved quotes. With migration 0010's partial index it walks
    /// five entries and never touches responses; without it SQLite sorts every approved quote.
    /// </summary>
    [Fact]
    public async Task The_comments_query_walks_the_partial_index_without_sorting_or_reading_responses()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await using var connection = await db.Db.OpenAsync();
        string Plan() => string.Join("\n", connection.Query("EXPLAIN QUERY PLAN " + Comments.Sql, new { Code = "N1", Month = "2026-10" })
            .Select(row => (string)((IDictionary<string, object>)row)["detail"]));

        Assert.Contains("comment_reviews_quoted", Plan());
        Assert.DoesNotContain("TEMP B-TREE", Plan());
        Assert.DoesNotContain("responses", Plan());
        // The IA re-check is a look-up on the flags' unique (response_id, queue) key, not a scan.
        Assert.Matches(@"SEARCH f USING (COVERING )?INDEX sqlite_autoindex_flags", Plan());
        await connection.ExecuteAsync(Surveys.ReportBench.ReportBench.DropQuotedCommentsIndex);
        Assert.DoesNotContain("comment_reviews_quoted", Plan());
        Assert.Contains("TEMP B-TREE FOR ORDER BY", Plan());
    }
}
