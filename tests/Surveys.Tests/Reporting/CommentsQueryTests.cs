using Dapper;
using Surveys.ReportBench;
using Surveys.Reporting.Data;

namespace Surveys.Tests.Reporting;

public class CommentsQueryTests
{
    /// <summary>
    /// The one read of raw responses. With migration 0004's partial index it walks five entries;
    /// without it SQLite would sort the whole neighborhood-month.
    /// </summary>
    [Fact]
    public async Task The_comments_query_walks_the_partial_index_without_sorting()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await using var connection = await db.Db.OpenAsync();
        string Plan() => string.Join("\n", connection.Query("EXPLAIN QUERY PLAN " + Comments.Sql, new { Code = "N1", Month = "2026-10" })
            .Select(row => (string)((IDictionary<string, object>)row)["detail"]));

        Assert.Contains("responses_shared_comments", Plan());
        Assert.DoesNotContain("TEMP B-TREE", Plan());
        await connection.ExecuteAsync(Surveys.ReportBench.ReportBench.DropSharedCommentsIndex);
        Assert.Contains("TEMP B-TREE FOR ORDER BY", Plan());
    }
}
