using System.Diagnostics;
using Surveys.Bench;

// Server-mode benchmark of issue 2: set-up, baselines, then intake and end to end against the
// running API and worker. Progress goes to stderr, the Markdown report to stdout.
HarnessOptions o;
try { o = HarnessOptions.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"LoadHarness: {e.Message}");
    Console.Error.WriteLine("usage: --api URL --key KEY --pg CONNSTRING --api-pid P --worker-pid Q [--responses 20000] [--concurrency 64] " +
        "[--rabbit-port 5672] [--vhost /] [--rabbit-user guest] [--rabbit-password guest] [--broker-pid P] [--pg-pid P] [--time-zone America/New_York] [--fast-setup] [--embedded]");
    return 2;
}
void Say(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
if (o.Embedded) return await EmbeddedRun.RunAsync(o, Say);

var load = Report.LoadAverage();
// Lower-case letters and digits only: the id also names a PostgreSQL table and RabbitMQ queues.
var runId = DateTime.UtcNow.ToString("HHmmss") + Random.Shared.Next(0x1000, 0xFFFF).ToString("x");
var occurredAt = DateTimeOffset.UtcNow.AddHours(-1);
occurredAt = occurredAt.AddTicks(-(occurredAt.Ticks % TimeSpan.TicksPerSecond));
// The API buckets a response by its contact's month in the agency's zone: watch that month.
var month = TimeZoneInfo.ConvertTime(occurredAt, TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone)).ToString("yyyy-MM");
using var admin = Setup.Client(o, o.SetupConcurrency + 2, withKey: true);
using var resident = Setup.Client(o, o.Concurrency, withKey: false);
await using var rss = new RssSampler(o.ApiPid, o.WorkerPid);

Say($"set-up: {o.Warmup + o.Responses:N0} contacts over HTTP ({o.SetupConcurrency} at a time)");
var clock = Stopwatch.StartNew();
if (o.FastSetup) await Setup.SynchronousCommitAsync(o, on: false);
string[] tokens;
try { tokens = await Setup.CreateTokensAsync(admin, o, o.Warmup + o.Responses, occurredAt, runId); }
finally { if (o.FastSetup) await Setup.SynchronousCommitAsync(o, on: true); }
var setupRate = tokens.Length / clock.Elapsed.TotalSeconds;
await Task.Delay(1000); // lets the reload reach every backend before anything is measured

Say("baseline (a): bare MassTransit confirmed publish");
var cpu = new CpuMeter(o);
cpu.Start();
var (groups, loop) = await BarePublish.RunAsync(o, runId);
var publishCpu = cpu.Stop();
Say($"  {groups:N0} msg/s in groups, {loop:N0} msg/s closed loop");

Say("baseline (b): bare MassTransit batch consumer into PostgreSQL");
cpu.Start();
var bare = await BareConsumer.RunAsync(o, runId);
var consumerCpu = cpu.Stop();
Say($"  {bare:N0} msg/s end to end");

var poller = new StatsPoller(admin, month);
Say($"intake warm-up: {o.Warmup} responses");
var before = await poller.CityResponsesAsync();
var warm = await Intake.RunAsync(resident, tokens[..o.Warmup], o.Concurrency, o.PhaseTimeout);
if (await poller.WaitForAsync(() => before + warm.Accepted, o.PhaseTimeout) is null) throw new TimeoutException("warm-up responses never showed in the figures");
var baseline = await poller.CityResponsesAsync();

Say($"intake: {o.Responses:N0} responses, {o.Concurrency} concurrent clients");
var target = long.MaxValue; // raised to the real goal once intake knows how many were accepted
cpu.Start();
var endToEnd = poller.WaitForAsync(() => Interlocked.Read(ref target), 2 * o.PhaseTimeout);
var intake = await Intake.RunAsync(resident, tokens[o.Warmup..], o.Concurrency, o.PhaseTimeout);
var atIntakeEnd = poller.Latest - baseline;
Interlocked.Exchange(ref target, baseline + intake.Accepted);
var reached = await endToEnd;
var intakeCpu = cpu.Stop();
double? e2eSeconds = reached is { } t ? (t - intake.StartTimestamp) / (double)Stopwatch.Frequency : null;
Say($"  {intake.AcceptedPerSecond:N0} accepted/s; end to end {(e2eSeconds is { } s ? $"{intake.Accepted / s:N0}/s" : "not reached")}");

var result = new RunResult(o, month, setupRate, groups, loop, bare, publishCpu, consumerCpu, intake, e2eSeconds,
    Math.Max(0, atIntakeEnd), poller.Latest - baseline, intakeCpu,
    Proc.StatusBytes(o.ApiPid, "VmHWM"), rss.Peak(o.ApiPid), Proc.StatusBytes(o.WorkerPid, "VmHWM"), rss.Peak(o.WorkerPid), load);
Console.WriteLine(Report.Markdown(result));
return e2eSeconds is null || intake.Failures.Count > 0 ? 1 : 0;
