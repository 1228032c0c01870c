using System.Diagnostics;

namespace Surveys.Bench;

/// <summary>Where the 2 cores went during a phase: the machine's busy share and each process's cores.</summary>
public sealed record CpuUse(double Seconds, double MachineBusy, IReadOnlyDictionary<string, double> Cores)
{
    public override string ToString() =>
        $"machine {MachineBusy:P0} busy; cores: " + string.Join(", ", Cores.Select(c => $"{c.Key} {c.Value:0.00}"));
}

public sealed class CpuMeter(HarnessOptions o)
{
    sealed record Snapshot(long At, (long Busy, long Total) Machine, Dictionary<string, double> Seconds);

    Snapshot? _start;

    public void Start() => _start = Take();

    public CpuUse Stop()
    {
        var end = Take();
        var start = _start ?? throw new InvalidOperationException("not started");
        var wall = (end.At - start.At) / (double)Stopwatch.Frequency;
        var busy = (end.Machine.Busy - start.Machine.Busy) / (double)Math.Max(1, end.Machine.Total - start.Machine.Total);
        // "others" is what the named processes do not explain: other users of the machine, the kernel, the shell.
        var cores = end.Seconds.ToDictionary(e => e.Key, e => (e.Value - start.Seconds[e.Key]) / wall);
        cores["others"] = Math.Max(0, busy * Environment.ProcessorCount - cores.Values.Sum());
        return new CpuUse(wall, busy, cores);
    }

    Snapshot Take()
    {
        var seconds = new Dictionary<string, double>
        {
            ["api"] = Proc.TreeCpuSeconds(o.ApiPid), ["harness"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        };
        if (o.WorkerPid > 0) seconds["worker"] = Proc.TreeCpuSeconds(o.WorkerPid);
        if (o.BrokerPid > 0) seconds["rabbitmq"] = Proc.TreeCpuSeconds(o.BrokerPid);
        if (o.PgPid > 0) seconds["postgres"] = Proc.TreeCpuSeconds(o.PgPid);
        return new Snapshot(Stopwatch.GetTimestamp(), Proc.MachineTicks(), seconds);
    }
}
