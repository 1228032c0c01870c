using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surveys.Hosting;
using Surveys.Processing.Reports;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

public class MonthlyReportJobTests
{
    sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    static MonthlyReportJob Job(ReportDatabase db, string folder, TimeProvider time)
    {
        var gate = new SchemaGate();
        gate.Open();
        return new MonthlyReportJob(db.Db, gate, new ReportJobGate(), Options.Create(db.Options), Options.Create(new ReportJobOptions { Folder = folder }),
            time, NullLogger<MonthlyReportJob>.Instance);
    }

    [Fact]
    public async Task Writes_the_ended_month_as_preliminary_then_as_final_and_never_twice()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var folder = Path.Combine(db.Folder, "reports");
        var time = new ManualTime(Scenario.DuringGrace);
        var job = Job(db, folder, time);

        var first = await job.RunOnceAsync(CancellationToken.None);
        var preliminary = Path.Combine(folder, "2026-10", "preliminary");
        Assert.Contains(preliminary, first);
        Assert.Contains(Path.Combine(folder, "2026-09", "final"), first); // September had already turned final
        Assert.Equal(["trust-report-2026-10-N1.pdf", "trust-report-2026-10-N2.pdf", "trust-report-2026-10-N9.pdf", "trust-report-2026-10-city.pdf"],
            Directory.GetFiles(preliminary, "*.pdf").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(preliminary, MonthlyReportJob.Marker)));
        Assert.Contains("PRELIMINARY", await PdfTools.TextAsync(await File.ReadAllBytesAsync(Path.Combine(preliminary, "trust-report-2026-10-N1.pdf")), "job-n1"));
        var written = File.GetLastWriteTimeUtc(Path.Combine(preliminary, "trust-report-2026-10-city.pdf"));

        time.Now = Scenario.DuringGrace.AddDays(2);
        Assert.Empty(await job.RunOnceAsync(CancellationToken.None));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(preliminary, "trust-report-2026-10-city.pdf")));

        time.Now = Scenario.AfterGrace;
        Assert.Equal([Path.Combine(folder, "2026-10", "final")], await job.RunOnceAsync(CancellationToken.None));
        var final = await File.ReadAllBytesAsync(Path.Combine(folder, "2026-10", "final", "trust-report-2026-10-city.pdf"));
        Assert.Contains("FINAL", await PdfTools.TextAsync(final, "job-city-final"));
        Assert.Empty(await job.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_fresh_install_gets_no_final_report_until_the_rule_allows_and_then_exactly_one()
    {
        await using var db = await ReportDatabase.CreateAsync();
        var folder = Path.Combine(db.Folder, "reports");
        var earliest = Surveys.Rules.Finality.EarliestFinal(Scenario.Month, db.Options);
        var time = new ManualTime(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        var job = Job(db, folder, time);
        var octoberFinal = Path.Combine(folder, Scenario.Month, "final");

        var first = await job.RunOnceAsync(CancellationToken.None);
        Assert.Contains(Path.Combine(folder, Scenario.Month, "preliminary"), first);
        Assert.DoesNotContain(octoberFinal, first);
        var preliminary = await PdfTools.TextAsync(await File.ReadAllBytesAsync(
            Path.Combine(folder, Scenario.Month, "preliminary", "trust-report-2026-10-city.pdf")), "fresh-preliminary");
        Assert.Contains("PRELIMINARY", preliminary);
        Assert.Contains("(0 invited)", preliminary);

        time.Now = earliest.AddSeconds(-1);
        Assert.Empty(await job.RunOnceAsync(CancellationToken.None));
        Assert.False(Directory.Exists(octoberFinal));

        time.Now = earliest;
        Assert.Equal([octoberFinal], await job.RunOnceAsync(CancellationToken.None));
        Assert.Contains("FINAL", await PdfTools.TextAsync(await File.ReadAllBytesAsync(Path.Combine(octoberFinal, "trust-report-2026-10-city.pdf")), "fresh-final"));
        time.Now = earliest.AddDays(10);
        Assert.Empty(await job.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_workers_at_once_leave_one_complete_set_of_whole_files()
    {
        await using var db = await ReportDatabase.CreateAsync();
        await Scenario.SeedAsync(db);
        var folder = Path.Combine(db.Folder, "reports");
        var time = new ManualTime(Scenario.AfterGrace);

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Job(db, folder, time).RunOnceAsync(CancellationToken.None))));

        var final = Path.Combine(folder, "2026-10", "final");
        Assert.True(File.Exists(Path.Combine(final, MonthlyReportJob.Marker)));
        Assert.Equal(4, Directory.GetFiles(final, "*.pdf").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(folder, MonthlyReportJob.Lock, SearchOption.AllDirectories));
        foreach (var file in Directory.GetFiles(final, "*.pdf"))
            await PdfTools.AssertValidAsync(await File.ReadAllBytesAsync(file), "job-" + Path.GetFileNameWithoutExtension(file));
        Assert.True(runs.Sum(r => r.Count) >= 2, "each set written at least once"); // by either worker
        Shell.TryDeleteDirectory(folder);
    }
}
