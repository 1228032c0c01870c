using Microsoft.Extensions.Configuration;
using Surveys.Data;
using Surveys.Reporting.Bench;
using Surveys.Reporting.Jobs;
using Surveys.Rules;

namespace Surveys.Reporting;

/// <summary>
/// Command line: `--month YYYY-MM --out DIR` writes every neighborhood's and the city's PDF for the
/// month (default: the month that just ended, into ./reports); `--bench` times rendering.
/// Reads the same configuration as the other hosts (appsettings.json, environment, arguments).
/// </summary>
public static class Program
{
    const string Usage = """
        usage: dotnet run --project src/Reporting -- [--month YYYY-MM] [--out DIR] [--Surveys:Key value ...]
               dotnet run --project src/Reporting -- --bench [--quick]
               dotnet run --project src/Reporting -- --sample --out DIR   (made-up agency, to look at the layout)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h")) { Console.WriteLine(Usage); return 0; }
        if (args.Contains("--bench")) return await ReportBench.RunAsync(quick: args.Contains("--quick"));

        var (month, folder, rest, error) = Parse(args.Where(a => a != "--sample").ToArray());
        if (error is not null) { Console.Error.WriteLine($"{error}\n{Usage}"); return 2; }
        if (args.Contains("--sample")) return await ReportBench.SampleAsync(folder);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(rest)
            .Build();
        var options = configuration.GetSection(SurveysOptions.Section).Get<SurveysOptions>() ?? new SurveysOptions();
        var connectionString = configuration.GetConnectionString("Surveys");
        var now = DateTimeOffset.UtcNow;
        month ??= Months.Shift(Months.Of(now, options.Zone), -1);

        // Don't let a mistyped folder create an empty database and print empty reports.
        var sqliteFile = Path.Combine(options.DataDirectory, "surveys.db");
        if (connectionString is null && options.DatabaseKind == DatabaseKind.Sqlite && !File.Exists(sqliteFile))
        {
            Console.Error.WriteLine($"No database at {Path.GetFullPath(sqliteFile)}. Set Surveys:DataDirectory or ConnectionStrings:Surveys.");
            return 1;
        }
        await using var db = Db.FromOptions(options, connectionString);
        await using (var connection = await db.OpenAsync())
            if (!await Migrator.IsCurrentAsync(connection, db.Kind))
            {
                Console.Error.WriteLine("The database schema is not current: start the API or run `dotnet run --project src/SurveyWorker -- migrate` first.");
                return 1;
            }

        var files = await ReportWriter.WriteMonthAsync(db, month, folder, options, now);
        foreach (var file in files) Console.WriteLine(file);
        Console.WriteLine($"{files.Count} reports for {month} written to {Path.GetFullPath(folder)}");
        return 0;
    }

    static (string? Month, string Folder, string[] Others, string? Error) Parse(string[] args)
    {
        string? month = null, folder = "reports";
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--month" when i + 1 < args.Length: month = args[++i]; break;
                case "--out" when i + 1 < args.Length: folder = args[++i]; break;
                case "--month" or "--out": return (null, "", [], $"{args[i]} needs a value.");
                default: rest.Add(args[i]); break;
            }
        }
        if (month is not null && !Months.TryParse(month, out _)) return (null, "", [], $"--month must be YYYY-MM, e.g. 2026-10 (got '{month}').");
        return (month, folder, rest.ToArray(), null);
    }
}
