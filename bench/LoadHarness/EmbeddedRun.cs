using System.Diagnostics;
using System.Text;

namespace Surveys.Bench;

/// <summary>
/// Embedded mode (bench/embedded.sh): one process, SQLite, the worker's consumers inside the API.
/// Set-up, warm-up, then intake and end to end through the public API only; no baselines, as
/// there is no broker and no separate database server to compare with.
/// </summary>
public static class EmbeddedRun
{
    public static async Task<int> RunAsync(HarnessOptions o, Action<string> say)
    {
        var load = Report.LoadAverage();
        var runId = DateTime.UtcNow.ToString("HHmmss") + Random.Shared.Next(0x1000, 0xFFFF).ToString("x");
        var occurredAt = DateTimeOffset.UtcNow.AddHours(-1);
        occurredAt = occurredAt.AddTicks(-(occurredAt.Ticks % TimeSpan.TicksPerSecond));
        var month = TimeZoneInfo.ConvertTime(occurredAt, TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone)).ToString("yyyy-MM");
        using var admin = Setup.Client(o, o.SetupConcurrency + 2, withKey: true);
        using var resident = Setup.Client(o, o.Concurrency, withKey: false);
        await using var rss = new RssSampler(o.ApiPid);

        say($"set-up: {o.Warmup + o.Responses:N0} contacts over HTTP ({o.SetupConcurrency} at a time)");
        var clock = Stopwatch.StartNew();
        var tokens = await Setup.CreateTokensAsync(admin, o, o.Warmup + o.Responses, occurredAt, runId);
        var setupRate = tokens.Length / clock.Elapsed.TotalSeconds;

        var poller = new StatsPoller(admin, month);
        say($"intake warm-up: {o.Warmup} responses");
        var before = await poller.CityResponsesAsync();
        var warm = await Intake.RunAsync(resident, tokens[..o.Warmup], o.Concurrency, o.PhaseTimeout);
        if (await poller.WaitForAsync(() => before + warm.Accepted, o.PhaseTimeout) is null) throw new TimeoutException("warm-up responses never showed in the figures");
        var baseline = await poller.CityResponsesAsync();

        say($"intake: {o.Responses:N0} responses, {o.Concurrency} concurrent clients");
        var cpu = new CpuMeter(o);
        var target = long.MaxValue; // raised to the real goal once intake knows how many were accepted
        cpu.Start();
        var endToEnd = poller.WaitForAsync(() => Interlocked.Read(ref target), 2 * o.PhaseTimeout);
        var i = await Intake.RunAsync(resident, tokens[o.Warmup..], o.Concurrency, o.PhaseTimeout);
        Interlocked.Exchange(ref target, baseline + i.Accepted);
        var reached = await endToEnd;
        var use = cpu.Stop();
        double? e2e = reached is { } t ? (t - i.StartTimestamp) / (double)Stopwatch.Frequency : null;
        say($"  {i.AcceptedPerSecond:N0} accepted/s; end to end {(e2e is { } s ? $"{i.Accepted / s:N0}/s" : "not reached")}");

        var sb = new StringBuilder();
        sb.AppendLine($"### Embedded run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {o.Responses:N0} responses, {o.Concurrency} concurrent clients");
        sb.AppendLine();
        sb.AppendLine($"Load average at start: {load}. Month {month}; set-up created contacts at {setupRate:N0}/s.");
        sb.AppendLine();
        sb.AppendLine("| measure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine($"| intake: accepted/s (202) | **{i.AcceptedPerSecond:N0}** ({i.Accepted:N0} of {i.Sent:N0} in {i.Seconds:0.00} s) |");
        sb.AppendLine($"| intake latency p50 / p99 / max | {i.P50Ms:0.0} / {i.P99Ms:0.0} / {i.MaxMs:0} ms |");
        sb.AppendLine($"| intake errors by status | {(i.Failures.Count == 0 ? "none" : string.Join(", ", i.Failures.Select(f => $"{f.Key}: {f.Value}")))} |");
        sb.AppendLine(e2e is { } d
            ? $"| end to end: processed/s (first POST → city figures count all) | **{i.Accepted / d:N0}** ({d:0.00} s) |"
            : $"| end to end: processed/s | **not reached**: {poller.Latest - baseline:N0} of {i.Accepted:N0} |");
        sb.AppendLine($"| API peak RSS: VmHWM / sampled VmRSS | {Proc.StatusBytes(o.ApiPid, "VmHWM") / 1e6:N0} MB / {rss.Peak(o.ApiPid) / 1e6:N0} MB |");
        sb.AppendLine($"| CPU, intake + drain ({use.Seconds:0.0} s) | {use} |");
        Console.WriteLine(sb);
        return e2e is null || i.Failures.Count > 0 ? 1 : 0;
    }
}
