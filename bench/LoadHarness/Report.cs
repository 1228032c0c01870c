using System.Text;

namespace Surveys.Bench;

public sealed record RunResult(HarnessOptions Options, string Month, double SetupPerSecond,
    double BarePublishGroups, double BarePublishLoop, double BareConsumer, CpuUse PublishCpu, CpuUse ConsumerCpu,
    IntakeResult Intake, double? EndToEndSeconds, long ProcessedAtIntakeEnd, long ProcessedTotal, CpuUse IntakeCpu,
    long ApiHwm, long ApiRssPeak, long WorkerHwm, long WorkerRssPeak, string LoadAtStart);

/// <summary>The Markdown that bench/run.sh prints and docs/performance.md quotes.</summary>
public static class Report
{
    const double E2eTarget = 2_000, IntakeRatioTarget = 0.60;
    // MB here is 10^6 bytes (the stricter reading of the target), in the report too.
    const long RssTarget = 250_000_000;

    public static string Markdown(RunResult r)
    {
        var o = r.Options;
        var i = r.Intake;
        var e2e = r.EndToEndSeconds is { } s ? i.Accepted / s : double.NaN;
        var sb = new StringBuilder();
        sb.AppendLine($"### Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {o.Responses:N0} responses, {o.Concurrency} concurrent clients");
        sb.AppendLine();
        sb.AppendLine($"Machine: {Environment.ProcessorCount} cores, {MemTotalGiB():0.0} GiB; load average at start: {r.LoadAtStart}. Month {r.Month}; set-up created contacts at {r.SetupPerSecond:N0}/s{(o.FastSetup ? " (synchronous_commit off for set-up only)" : "")}.");
        sb.AppendLine();
        sb.AppendLine("| measure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine($"| intake: accepted/s (202) | **{i.AcceptedPerSecond:N0}** ({i.Accepted:N0} of {i.Sent:N0} in {i.Seconds:0.00} s) |");
        sb.AppendLine($"| intake latency p50 / p99 / max | {i.P50Ms:0.0} / {i.P99Ms:0.0} / {i.MaxMs:0} ms |");
        sb.AppendLine($"| intake errors by status | {(i.Failures.Count == 0 ? "none" : string.Join(", ", i.Failures.Select(f => $"{f.Key}: {f.Value}")))} |");
        sb.AppendLine(r.EndToEndSeconds is null
            ? $"| end to end: processed/s | **not reached**: {r.ProcessedTotal:N0} of {i.Accepted:N0} after {o.PhaseTimeout.TotalSeconds:0} s |"
            : $"| end to end: processed/s (first POST → city figures count all) | **{e2e:N0}** ({r.EndToEndSeconds:0.00} s) |");
        sb.AppendLine($"| processed when the last 202 came (≈, polled) | {r.ProcessedAtIntakeEnd:N0} ({r.ProcessedAtIntakeEnd / (double)Math.Max(1, i.Accepted):P0}) |");
        // The worker's pace with intake competing for the cores, and alone draining the backlog.
        var drain = r.EndToEndSeconds is { } d && d > i.Seconds ? (i.Accepted - r.ProcessedAtIntakeEnd) / (d - i.Seconds) : double.NaN;
        sb.AppendLine($"| worker pace: while intake ran / draining after it | {r.ProcessedAtIntakeEnd / i.Seconds:N0}/s / {drain:N0}/s |");
        sb.AppendLine($"| API peak RSS: VmHWM / sampled VmRSS | {Mb(r.ApiHwm)} / {Mb(r.ApiRssPeak)} |");
        sb.AppendLine($"| worker peak RSS: VmHWM / sampled VmRSS | {Mb(r.WorkerHwm)} / {Mb(r.WorkerRssPeak)} |");
        sb.AppendLine($"| baseline: bare MassTransit confirmed publish, groups of {o.Concurrency} | **{r.BarePublishGroups:N0}** msg/s |");
        sb.AppendLine($"| baseline: bare MassTransit confirmed publish, {o.Concurrency} closed-loop publishers | {r.BarePublishLoop:N0} msg/s |");
        sb.AppendLine($"| baseline: bare batch consumer → PostgreSQL, end to end | **{r.BareConsumer:N0}** msg/s |");
        sb.AppendLine($"| CPU, intake + drain ({r.IntakeCpu.Seconds:0.0} s) | {r.IntakeCpu} |");
        sb.AppendLine($"| CPU, bare publish ({r.PublishCpu.Seconds:0.0} s) | {r.PublishCpu} |");
        sb.AppendLine($"| CPU, bare consumer ({r.ConsumerCpu.Seconds:0.0} s) | {r.ConsumerCpu} |");
        sb.AppendLine();
        sb.AppendLine("| target | measured | |");
        sb.AppendLine("|---|---|---|");
        var ratio = i.AcceptedPerSecond / r.BarePublishGroups;
        sb.AppendLine($"| intake ≥ 60% of bare publish | {ratio:P0} (vs closed-loop publishers: {i.AcceptedPerSecond / r.BarePublishLoop:P0}) | {Verdict(ratio >= IntakeRatioTarget, ratio / IntakeRatioTarget)} |");
        sb.AppendLine($"| end to end ≥ 2,000/s | {e2e:N0}/s = {e2e / E2eTarget:P0} of target; {e2e / r.BareConsumer:P0} of the bare consumer | {Verdict(e2e >= E2eTarget, e2e / E2eTarget)} |");
        sb.AppendLine($"| API ≤ 250 MB RSS | {Mb(r.ApiHwm)} | {Verdict(r.ApiHwm <= RssTarget, RssTarget / (double)r.ApiHwm)} |");
        sb.AppendLine($"| worker ≤ 250 MB RSS | {Mb(r.WorkerHwm)} | {Verdict(r.WorkerHwm <= RssTarget, RssTarget / (double)r.WorkerHwm)} |");
        return sb.ToString();
    }

    // factor: measured / target for "at least" targets, target / measured for "at most" ones.
    static string Verdict(bool met, double factor) => met ? "met" : $"**missed** by {1 - factor:P0}";

    static string Mb(long bytes) => $"{bytes / 1e6:N0} MB";

    /// <summary>1, 5 and 15 minute load averages: shows how busy the shared machine already was.</summary>
    public static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    static double MemTotalGiB() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024.0;
}
