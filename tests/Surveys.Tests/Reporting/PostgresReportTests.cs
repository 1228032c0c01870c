using Dapper;
using Surveys.Figures;
using Surveys.Reporting;
using Surveys.ReportBench;
using Surveys.Reporting.Text;
using Surveys.Rules;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

/// <summary>The same reports from PostgreSQL (Server mode): same SQL texts, same figures.</summary>
[Collection("servers")]
[RequiresServers]
public class PostgresReportTests(ServersFixture servers)
{
    [ServerFact]
    public async Task Reports_from_postgres_print_the_stats_figures_and_only_consented_comments()
    {
        await using var db = await ReportDatabase.CreatePostgresAsync(await servers.Postgres.CreateDatabaseAsync());
        await Scenario.SeedAsync(db);
        await db.CommentAsync("N1", Scenario.Month, "Quick and kind, write me at sam@example.net", true, 1000, approved: "Quick and kind, write me at [e-mail removed]");
        await db.CommentAsync("N1", Scenario.Month, "PRIVATE remark nobody may read", false, 2000);
        await db.CommentAsync("N1", Scenario.Month, "Waiting for review, not yet quoted", true, 3000);
        var allegation = await db.CommentAsync("N1", Scenario.Month, "ALLEGATION approved before a flag", true, 4000, approved: "ALLEGATION approved before a flag");
        await db.IaFlagAsync(allegation, "N1", Scenario.Month);

        await using var connection = await db.Db.OpenAsync();
        var pdf = await TrustReports.NeighborhoodAsync(connection, "N1", Scenario.Month, db.Options, Scenario.DuringGrace);
        var text = await PdfTools.TextAsync(pdf!, "pg-n1");
        var f = await db.FiguresAsync(FigureQuery.Neighborhood, "N1", Scenario.Month, Scenario.DuringGrace);
        foreach (var key in Instrument.Items)
            Assert.Contains($"{ItemLabels.Short(key)} {f.Items[key].N} {Format.Mean(f.Items[key].Mean!.Value)} {Format.Interval(f.Items[key].Ci95!, Format.Mean)}", text);
        Assert.Contains("PRELIMINARY", text);
        Assert.Contains("Quick and kind, write me at [e-mail removed]", text);
        Assert.DoesNotContain("PRIVATE", text);
        Assert.DoesNotContain("Waiting for review", text);
        Assert.DoesNotContain("ALLEGATION", text);
        await PdfTools.AssertValidAsync(pdf!, "pg-n1");

        var city = await PdfTools.TextAsync(await TrustReports.CityAsync(connection, Scenario.Month, db.Options, Scenario.DuringGrace), "pg-city");
        Assert.Contains("1 Downtown (N1) 118", city);
    }

    /// <summary>Migration 0010's index: the comments query reads five index entries, not the month.</summary>
    [ServerFact]
    public async Task The_comments_query_uses_the_partial_index()
    {
        await using var db = await ReportDatabase.CreatePostgresAsync(await servers.Postgres.CreateDatabaseAsync());
        await using var connection = await db.Db.OpenAsync();
        await connection.ExecuteAsync("SET enable_seqscan = off; SET enable_bitmapscan = off; ANALYZE comment_reviews;");
        var plan = string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + Surveys.Reporting.Data.Comments.Sql,
            new { Code = "N1", Month = Scenario.Month }));
        Assert.Contains("comment_reviews_quoted", plan);
        Assert.DoesNotContain("Sort", plan);
        await connection.ExecuteAsync(Surveys.ReportBench.ReportBench.DropQuotedCommentsIndex);
        var without = string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + Surveys.Reporting.Data.Comments.Sql,
            new { Code = "N1", Month = Scenario.Month }));
        Assert.DoesNotContain("comment_reviews_quoted", without);
        Assert.Contains("Sort", without);
    }
}
