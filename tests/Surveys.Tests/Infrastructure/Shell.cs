using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Surveys.Tests.Infrastructure;

public sealed record ShellResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs external commands (pg_ctl, rabbitmqctl, ...) for the throwaway servers.</summary>
public static class Shell
{
    /// <summary>
    /// Runs <paramref name="file"/> to completion. Throws (with stdout and stderr in the message) on a
    /// non-zero exit when <paramref name="check"/> is true, and always on timeout (the process tree is killed).
    /// </summary>
    public static async Task<ShellResult> RunAsync(
        string file,
        IEnumerable<string> args,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null,
        bool check = true)
    {
        var argList = args.ToList();
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var a in argList) info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;

        var commandLine = string.Join(' ', argList.Prepend(file));
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run `{commandLine}`: {e.Message}", e);
        }
        process.StandardInput.Close();

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, stdout), Pump(process.StandardError, stderr));

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await Task.WhenAny(pumps, Task.Delay(2000));
            throw new TimeoutException(
                $"`{commandLine}` did not finish within {timeout ?? TimeSpan.FromSeconds(60)}.\n" +
                $"stdout:\n{Text(stdout)}\nstderr:\n{Text(stderr)}");
        }

        // A daemon started by the command (epmd, a detached beam) may inherit and hold our pipes open:
        // don't wait for end-of-stream forever once the command itself has exited.
        await Task.WhenAny(pumps, Task.Delay(2000));
        var result = new ShellResult(process.ExitCode, Text(stdout), Text(stderr));
        if (check && result.ExitCode != 0)
            throw new InvalidOperationException(
                $"`{commandLine}` exited with {result.ExitCode}.\nstdout:\n{result.StdOut}\nstderr:\n{result.StdErr}");
        return result;
    }

    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago (callers retry on a lost race).</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            // 35672-35682 is where rabbitmqctl of any other RabbitMQ on this machine listens by default.
            if (port is < 35672 or > 35682) return port;
        }
    }

    /// <summary>False for a missing process and for a zombie: PID 1 here does not reap orphans.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X' or 'x');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }

    /// <summary>kill -9 of the process and its children; returns once it is gone.</summary>
    public static async Task KillAsync(int pid)
    {
        try { Process.GetProcessById(pid).Kill(entireProcessTree: true); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { } // already gone
        await WaitUntilDeadAsync(pid, TimeSpan.FromSeconds(30));
    }

    public static async Task WaitUntilDeadAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Process {pid} is still running after {timeout}.");
            await Task.Delay(100);
        }
    }

    public static void TryDeleteDirectory(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public static string Tail(string path, int lines = 30)
    {
        try { return string.Join('\n', File.ReadLines(path).TakeLast(lines)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"({e.Message})"; }
    }

    private static async Task Pump(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
            lock (sink) sink.Append(buffer, 0, n);
    }

    private static string Text(StringBuilder sb)
    {
        lock (sb) return sb.ToString();
    }
}
