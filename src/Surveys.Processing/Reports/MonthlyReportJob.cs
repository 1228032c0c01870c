using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Hosting;
using Surveys.Rules;

using Surveys.Reporting;

namespace Surveys.Processing.Reports;

/// <summary>Surveys:Reports:* — where the monthly job writes and how often it looks.</summary>
public sealed class ReportJobOptions
{
    public const string Section = "Surveys:Reports";
    public string Folder { get; set; } = "reports";
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>
    /// How many ended months to watch for turning final. The latest a month can turn final is its end
    /// + Sms:MaxContactAge + twice TokenLifetimeDays (a backfill just before intake's cut-off) + an
    /// hour: 31 days with the defaults, so two months; raise it with longer lifetimes.
    /// </summary>
    public int LookBackMonths { get; set; } = 2;
}

/// <summary>
/// Writes the just-ended month's reports as soon as it ends (preliminary) and again once the month
/// is final by <see cref="Finality"/> (the rule the stats calls use), into {Folder}/{month}/{preliminary|final}/. A set is
/// done when its ".complete" marker exists, so a restart redoes nothing; a ".lock" file keeps a
/// second worker from rendering the same set meanwhile, and atomic renames keep it safe if both do.
/// </summary>
public sealed class MonthlyReportJob(Db db, SchemaGate schema, ReportJobGate gate, IOptions<SurveysOptions> surveys, IOptions<ReportJobOptions> options,
    TimeProvider time, ILogger<MonthlyReportJob> logger) : BackgroundService
{
    public const string Marker = ".complete", Lock = ".lock";
    static readonly TimeSpan StaleLock = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitAsync(stoppingToken);
        await gate.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Monthly reports failed; retrying in {Interval}", options.Value.CheckInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look: writes whatever set is due and not yet written. Returns the folders written.</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var settings = surveys.Value;
        var justEnded = Months.Shift(Months.Of(now, settings.Zone), -1);
        var written = new List<string>();
        for (var back = 0; back < Math.Max(1, options.Value.LookBackMonths); back++)
        {
            var month = Months.Shift(justEnded, -back);
            bool preliminary;
            await using (var connection = await db.OpenAsync(ct))
                preliminary = (await FigureQuery.LoadAsync(connection, FigureQuery.City, "", month, settings, now)).Preliminary;
            // Only the month that just ended gets a preliminary set; older ones wait for final.
            if (preliminary && back > 0) continue;
            var folder = Path.Combine(options.Value.Folder, month, preliminary ? "preliminary" : "final");
            if (File.Exists(Path.Combine(folder, Marker)) || !TryLock(folder)) continue;
            try
            {
                var files = await ReportWriter.WriteMonthAsync(db, month, folder, settings, now, ct);
                await ReportWriter.WriteAtomicallyAsync(Path.Combine(folder, Marker),
                    System.Text.Encoding.UTF8.GetBytes($"{files.Count} reports written {now:O} by {Environment.MachineName}\n"), ct);
                logger.LogInformation("Wrote {Count} {Status} reports for {Month} into {Folder}", files.Count,
                    preliminary ? "preliminary" : "final", month, folder);
                written.Add(folder);
            }
            finally
            {
                File.Delete(Path.Combine(folder, Lock));
            }
        }
        return written;
    }

    /// <summary>Claims a set by creating its lock file; a lock older than 30 minutes is a crashed worker's.</summary>
    static bool TryLock(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Lock);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(System.Text.Encoding.UTF8.GetBytes($"{Environment.MachineName} {Environment.ProcessId}\n"));
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // File times are the file system's clock, so compare with that, not the job's TimeProvider.
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < StaleLock) return false;
                File.Delete(path);
            }
        }
        return false;
    }
}
