using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Surveys.Tests.Infrastructure;

/// <summary>
/// Server mode for real: the API (WebApplicationFactory) and the worker (in-process host or a real
/// process) on a fresh PostgreSQL database and a fresh RabbitMQ virtual host.
/// </summary>
public sealed class ServerApp : SurveysApp
{
    ServerApp(Dictionary<string, string?> settings) : base(settings) { }

    public WebApplication? Worker { get; private set; }
    public string ConnectionString => Settings["ConnectionStrings:Surveys"]!;

    public static async Task<ServerApp> CreateAsync(PostgresServer postgres, RabbitServer rabbit, Dictionary<string, string?>? overrides = null)
    {
        var s = Keys.Settings();
        s["Surveys:Mode"] = "Server";
        s["ConnectionStrings:Surveys"] = await postgres.CreateDatabaseAsync();
        s["Surveys:RabbitMq:Host"] = rabbit.Host;
        s["Surveys:RabbitMq:Port"] = rabbit.Port.ToString();
        s["Surveys:RabbitMq:VirtualHost"] = await rabbit.CreateVirtualHostAsync();
        s["Surveys:RabbitMq:Username"] = rabbit.Username;
        s["Surveys:RabbitMq:Password"] = rabbit.Password;
        s["Surveys:PublishTimeout"] = "00:00:04";
        foreach (var (k, v) in overrides ?? []) s[k] = v;
        return new ServerApp(s);
    }

    public async Task StartWorkerAsync()
    {
        Worker = Surveys.Worker.Program.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(Settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await Worker.StartAsync();
    }

    public async Task StopWorkerAsync()
    {
        if (Worker is null) return;
        await Worker.StopAsync();
        await Worker.DisposeAsync();
        Worker = null;
    }

    /// <summary>The worker as a separate OS process (for SIGKILL tests), configured by environment variables.</summary>
    public Process StartWorkerProcess() => StartWorkerProcess(Settings);

    public static Process StartWorkerProcess(Dictionary<string, string?> settings) => StartProcess("SurveyWorker.dll", settings, "http://127.0.0.1:0");

    /// <summary>The API as a separate OS process on <paramref name="port"/> (for SIGKILL tests); talk to it with <see cref="ProcessClient"/>.</summary>
    public Process StartApiProcess(int port) => StartProcess("SurveyApi.dll", Settings, $"http://127.0.0.1:{port}");

    public static HttpClient ProcessClient(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

    static Process StartProcess(string assembly, Dictionary<string, string?> settings, string url)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, assembly);
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (k, v) in settings) info.Environment[k.Replace(":", "__")] = v;
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public override async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// One Server-mode app (API + in-process worker) per test class that runs a shared set of HTTP
/// tests against it, created on first use (xunit builds a class instance per test).
/// </summary>
public sealed class LazyServerApp
{
    readonly SemaphoreSlim _gate = new(1, 1);
    ServerApp? _app;

    public async Task<SurveysApp> GetAsync(ServersFixture servers)
    {
        await _gate.WaitAsync();
        try
        {
            if (_app is null)
            {
                var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
                await app.StartWorkerAsync();
                await app.WaitReadyAsync();
                _app = app;
            }
            return _app;
        }
        finally { _gate.Release(); }
    }
}
