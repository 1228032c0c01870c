using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Surveys.Data;
using Surveys.Figures;

namespace Surveys.Reporting.Bench;

/// <summary>
/// `--bench`: times the stats call (FigureQuery), a neighborhood report and the 100-neighborhood
/// city report at 1,000 and 1,000,000 responses per neighborhood-month (see BenchData for how),
/// without and with the partial index proposed for the comments query. Medians, in milliseconds.
/// </summary>
public static class ReportBench
{
    const string Month = "2026-10";
    static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public const string SharedCommentsIndex = """
        CREATE INDEX IF NOT EXISTS responses_shared_comments ON responses (neighborhood, month, stored_at)
        WHERE share_comment AND comment IS NOT NULL
        """;

    public static async Task<int> RunAsync(bool quick)
    {
        var (figureRuns, reportRuns, cityRuns) = quick ? (50, 8, 3) : (300, 30, 8);
        var options = new SurveysOptions();
        Console.WriteLine($"Surveys report benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · medians in ms");
        Console.WriteLine($"{"responses/neighborhood",24} {"index",8} {"stats call",11} {"nbhd load",10} {"nbhd total",11} {"comments",9} {"city (100)",11}");
        var results = new Dictionary<(long, bool), double[]>();
        foreach (var scale in new long[] { 1_000, 1_000_000 })
        {
            var folder = Path.Combine(Path.GetTempPath(), $"surveys-bench-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                var file = Path.Combine(folder, "surveys.db");
                await using var db = new Db(DatabaseKind.Sqlite, $"Data Source={file}");
                await Migrator.ApplyAsync(db, NullLogger.Instance);
                var seeding = Stopwatch.StartNew();
                await BenchData.SeedAsync(file, Month, scale, new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero));
                Console.Error.WriteLine($"  seeded {scale:N0} responses per neighborhood in {seeding.Elapsed.TotalSeconds:0.0} s");
                foreach (var indexed in new[] { false, true })
                {
                    await using var connection = await db.OpenAsync();
                    if (indexed) await connection.ExecuteAsync(SharedCommentsIndex);
                    var stats = await Median(figureRuns, () => FigureQuery.LoadAsync(connection, FigureQuery.Neighborhood, "N001", Month, options, Now));
                    var load = await Median(reportRuns, () => Data.NeighborhoodData.LoadAsync(connection, "N001", new Data.ReportContext(Month, options, Now)));
                    var total = await Median(reportRuns, () => TrustReports.NeighborhoodAsync(connection, "N001", Month, options, Now));
                    var comments = await Median(reportRuns, () => Data.Comments.LoadAsync(connection, "N001", Month));
                    var city = await Median(cityRuns, () => TrustReports.CityAsync(connection, Month, options, Now));
                    results[(scale, indexed)] = [stats, load, total, comments, city];
                    Console.WriteLine($"{scale,24:N0} {(indexed ? "partial" : "current"),8} {stats,11:0.000} {load,10:0.0} {total,11:0.0} {comments,9:0.00} {city,11:0.0}");
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
        foreach (var indexed in new[] { false, true })
        {
            var (small, large) = (results[(1_000, indexed)], results[(1_000_000, indexed)]);
            Console.WriteLine($"ratio 1M/1k ({(indexed ? "partial" : "current")} index): stats call {large[0] / small[0]:0.00}, " +
                              $"neighborhood report {large[2] / small[2]:0.00}, comments {large[3] / small[3]:0.00}, city report {large[4] / small[4]:0.00}");
        }
        return 0;
    }

    /// <summary>
    /// `--sample DIR`: a made-up agency of 30 neighborhoods with a year of varied figures, some
    /// withheld, written out as the real reports are, for looking at the layout without real data.
    /// </summary>
    public static async Task<int> SampleAsync(string output)
    {
        var folder = Directory.CreateTempSubdirectory("surveys-sample-").FullName;
        try
        {
            var file = Path.Combine(folder, "surveys.db");
            await using var db = new Db(DatabaseKind.Sqlite, $"Data Source={file}");
            await Migrator.ApplyAsync(db, NullLogger.Instance);
            await BenchData.SeedAsync(file, Month, 120, new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero), neighborhoods: 30, varied: true);
            var options = new SurveysOptions { AgencyName = "Sample City Police Department" };
            var files = await Jobs.ReportWriter.WriteMonthAsync(db, Month, output, options, new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero));
            Console.WriteLine($"{files.Count} sample reports for {Month} written to {Path.GetFullPath(output)}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Median wall time of <paramref name="runs"/> calls after two warm-up calls.</summary>
    static async Task<double> Median<T>(int runs, Func<Task<T>> action)
    {
        await action();
        await action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
