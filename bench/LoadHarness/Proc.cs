namespace Surveys.Bench;

/// <summary>
/// Reads memory and CPU figures from /proc (Linux only, like the benchmark). CPU is counted in
/// clock ticks of 1/100 s, the USER_HZ of every Linux build the project runs on.
/// </summary>
public static class Proc
{
    const double TicksPerSecond = 100;

    /// <summary>A "kB" line of /proc/PID/status (VmRSS, VmHWM), in bytes; 0 when the process is gone.</summary>
    public static long StatusBytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>CPU seconds of a process and all its descendants, live or already reaped (PostgreSQL's backends).</summary>
    public static double TreeCpuSeconds(int root)
    {
        if (root <= 0) return 0;
        var stats = new Dictionary<int, string[]>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } s) stats[pid] = s;
        double ticks = 0;
        var pending = new Stack<int>([root]);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!stats.TryGetValue(pid, out var s)) continue;
            // utime, stime, cutime, cstime: the c* fields hold the children this process has reaped.
            ticks += long.Parse(s[11]) + long.Parse(s[12]) + long.Parse(s[13]) + long.Parse(s[14]);
            foreach (var (child, cs) in stats) if (cs[1] == pid.ToString()) pending.Push(child);
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = f.Take(8).Sum(); // user nice system idle iowait irq softirq steal (guest is inside user)
        return (total - f[3] - f[4], total);
    }

    // Fields after the command name, which may itself hold spaces and parentheses: [0] state, [1] ppid, [11..14] times.
    static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}

/// <summary>Samples VmRSS of some processes every 200 ms and keeps the highest value seen.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    readonly int[] _pids;
    readonly long[] _peak;
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    public RssSampler(params int[] pids)
    {
        _pids = pids;
        _peak = new long[pids.Length];
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try
            {
                do Sample(); while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException) { } // disposed: sampling ends
        });
    }

    public long Peak(int pid) { Sample(); return _peak[Array.IndexOf(_pids, pid)]; }

    void Sample()
    {
        for (var i = 0; i < _pids.Length; i++)
        {
            var rss = Proc.StatusBytes(_pids[i], "VmRSS");
            lock (_peak) _peak[i] = Math.Max(_peak[i], rss);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
