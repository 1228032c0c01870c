namespace Surveys.ReportBench;

/// <summary>
/// Developer tools for the reports, kept out of every shipped assembly: `--bench` times rendering
/// (docs/performance.md), `--sample --out DIR` renders a made-up agency to look at the layout.
/// Operators write a month's reports with `SurveyWorker reports` instead.
/// </summary>
public static class Program
{
    const string Usage = """
        usage: dotnet run --project bench/ReportBench -c Release -- --bench [--quick]
               dotnet run --project bench/ReportBench -- --sample --out DIR
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--bench")) return await ReportBench.RunAsync(quick: args.Contains("--quick"));
        var outAt = Array.IndexOf(args, "--out");
        if (args.Contains("--sample") && outAt >= 0 && outAt + 1 < args.Length) return await ReportBench.SampleAsync(args[outAt + 1]);
        Console.Error.WriteLine(Usage);
        return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
    }
}
