using Surveys.Data;
using Surveys.Hosting;
using Surveys.Reporting;
using Surveys.Rules;

namespace Surveys.Worker;

/// <summary>
/// `reports [--month YYYY-MM] [--out DIR]`: writes every neighborhood's and the city's PDF for a
/// month (default: the month that just ended, into ./reports), from the same configuration as the
/// worker. The monthly job does this by itself; this is for a re-run or a one-off.
/// </summary>
static class ReportsCommand
{
    public const string Usage = "usage: SurveyWorker reports [--month YYYY-MM] [--out DIR] [--Surveys:Key value ...]";

    public static async Task<int> RunAsync(string[] args, Func<string[], IHost> commandHost)
    {
        var (month, folder, rest, error) = Parse(args);
        if (error is not null) { Console.Error.WriteLine($"{error}\n{Usage}"); return 2; }
        using var host = commandHost(rest);
        var options = host.Services.Options().Value;
        var db = host.Services.GetRequiredService<Db>();
        // Don't let a mistyped folder create an empty database and print empty reports.
        var sqliteFile = Path.Combine(options.DataDirectory, "surveys.db");
        if (host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Surveys") is null
            && options.DatabaseKind == DatabaseKind.Sqlite && !File.Exists(sqliteFile))
        {
            Console.Error.WriteLine($"No database at {Path.GetFullPath(sqliteFile)}. Set Surveys:DataDirectory or ConnectionStrings:Surveys.");
            return 1;
        }
        await using (var connection = await db.OpenAsync())
            if (!await Migrator.IsCurrentAsync(connection, db.Kind))
            {
                Console.Error.WriteLine("The database schema is not current: start the API or run `SurveyWorker migrate` first.");
                return 1;
            }

        var now = DateTimeOffset.UtcNow;
        month ??= Months.Shift(Months.Of(now, options.Zone), -1);
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
