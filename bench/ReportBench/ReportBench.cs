using Surveys.Reporting;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Surveys.Data;
using Surveys.Figures;

namespace Surveys.ReportBench;

/// <summary>
/// `--bench`: times the stats call (FigureQuery), a neighborhood report and the 100-neighborhood
/// city report at 1,000 and 1,000,000 responses per neighborhood-month (see BenchData for how),
/// without and with the partial index of the comments query (approved quotes). Milliseconds.
/// </summary>
public static class ReportBench
{
    const string Month = "2026-10";
    static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    // Migration 0010's index for the approved quotes; the bench drops it to measure the schema
    // without it (the status index alone), then restores it.
    public const string QuotedCommentsIndex = """
        CREATE INDEX IF NOT EXISTS comment_reviews_quoted ON comment_reviews (neighborhood, month, stored_at)
        WHERE status = 'approved'
        """;
    public const string DropQuotedCommentsIndex = "DROP INDEX IF EXISTS comment_reviews_quoted";

    public static async Task<int> RunAsync(bool quick)
    {
        var (figureRuns, reportRuns, cityRuns) = quick ? (50, 8, 3) : (300, 30, 8);
        var options = new SurveysOptions();
        var root = Directory.CreateTempSubdirectory("surveys-bench-").FullName;
        var databases = new Dictionary<long, Db>();
        try
        {
            foreach (var scale in Scales)
            {
                var file = Path.Combine(root, $"surveys-{scale}.db");
                var db = databases[scale] = new Db(DatabaseKind.Sqlite, $"Data Source={file}");
                await Migrator.ApplyAsync(db, NullLogger.Instance);
                var seeding = Stopwatch.StartNew();
                await BenchData.SeedAsync(file, Month, scale, new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero));
                Console.Error.WriteLine($"seeded {scale:N0} responses per neighborhood-month in {seeding.Elapsed.TotalSeconds:0.0} s");
            }
            Console.WriteLine($"Surveys report benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · " +
                              "ms: median wall time, mean process CPU time per call");
            Console.WriteLine($"{"responses/neighborhood",24} {"index",8} {"stats call",11} {"nbhd load",10} {"nbhd total",11} {"(cpu)",7} {"comments",9} {"city (100)",11} {"(cpu)",7}");
            var results = new Dictionary<(long, bool), double[]>();
            foreach (var indexed in new[] { false, true })
            {
                // A first, unprinted pass over both scales lets tiered JIT settle, so neither scale pays for it.
                for (var pass = 0; pass < 2; pass++)
                    foreach (var scale in Scales)
                    {
                        await using var connection = await databases[scale].OpenAsync();
                        await connection.ExecuteAsync(indexed ? QuotedCommentsIndex : DropQuotedCommentsIndex);
                        var stats = await Measure(figureRuns, () => FigureQuery.LoadAsync(connection, FigureQuery.Neighborhood, "N001", Month, options, Now));
                        var load = await Measure(reportRuns, () => Reporting.Data.NeighborhoodData.LoadAsync(connection, "N001", new Reporting.Data.ReportContext(Month, options, Now)));
                        var total = await Measure(reportRuns, () => TrustReports.NeighborhoodAsync(connection, "N001", Month, options, Now));
                        var comments = await Measure(reportRuns, () => Reporting.Data.Comments.LoadAsync(connection, "N001", Month));
                        var city = await Measure(cityRuns, () => TrustReports.CityAsync(connection, Month, options, Now));
                        if (pass == 0) continue;
                        results[(scale, indexed)] = [stats.Wall, total.Wall, comments.Wall, city.Wall, total.Cpu, city.Cpu];
                        Console.WriteLine($"{scale,24:N0} {(indexed ? "partial" : "none"),8} {stats.Wall,11:0.000} {load.Wall,10:0.0} {total.Wall,11:0.0} " +
                                          $"{total.Cpu,7:0.0} {comments.Wall,9:0.00} {city.Wall,11:0.0} {city.Cpu,7:0.0}");
                    }
            }
            foreach (var indexed in new[] { false, true })
            {
                var (k, m) = (results[(Scales[0], indexed)], results[(Scales[1], indexed)]);
                Console.WriteLine($"ratio 1M/1k ({(indexed ? "partial" : "none")} index): stats call {m[0] / k[0]:0.00}, neighborhood report " +
                                  $"{m[1] / k[1]:0.00} (cpu {m[4] / k[4]:0.00}), comments {m[2] / k[2]:0.00}, city report {m[3] / k[3]:0.00} (cpu {m[5] / k[5]:0.00})");
            }
            return 0;
        }
        finally
        {
            foreach (var db in databases.Values) await db.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    static readonly long[] Scales = [1_000, 1_000_000];

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
            var files = await ReportWriter.WriteMonthAsync(db, Month, output, options, new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero));
            Console.WriteLine($"{files.Count} sample reports for {Month} written to {Path.GetFullPath(output)}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Median wall time of <paramref name="runs"/> calls after two warm-up calls, and the mean CPU
    /// time per call (the process's, all threads): on a shared machine wall time is mostly waiting.
    /// </summary>
    static async Task<(double Wall, double Cpu)> Measure<T>(int runs, Func<Task<T>> action)
    {
        await action();
        await action();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        process.Refresh();
        Array.Sort(times);
        return (times[runs / 2], (process.TotalProcessorTime - cpu).TotalMilliseconds / runs);
    }
}
