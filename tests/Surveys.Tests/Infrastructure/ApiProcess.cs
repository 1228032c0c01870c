using System.Collections.Concurrent;
using System.Diagnostics;

namespace Surveys.Tests.Infrastructure;

/// <summary>
/// The built SurveyApi as a real OS process on a loopback port of its own, configured by
/// environment variables only: for tests that SIGKILL it and start it again on the same data.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>Starts the API and waits for /health/ready; a port lost to another process between pick and bind is picked again.</summary>
    public static async Task<ApiProcess> StartAsync(Dictionary<string, string?> settings, params string[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{Shell.FreePort()}");
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
            foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "SurveyApi.dll"), "--urls", address.ToString(), .. args]) info.ArgumentList.Add(a);
            foreach (var (k, v) in settings) info.Environment[k.Replace(":", "__")] = v;
            var api = new ApiProcess(Process.Start(info)!, address);
            try
            {
                await api.WaitReadyAsync();
                return api;
            }
            catch (InvalidOperationException) when (attempt < 3 && api.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) { }
        }
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public string Output => string.Join('\n', _output);

    async Task WaitReadyAsync()
    {
        using var client = Client();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"SurveyApi exited with {_process.ExitCode} before it was ready:\n{Output}");
            try { if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { } // not listening yet
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"SurveyApi not ready within 90 s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, nothing finished; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    // The last lines only, for a failure message.
    void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }
}
