using System.Diagnostics;
using System.Text.Json;

namespace Surveys.Tests.Infrastructure;

/// <summary>
/// A throwaway RabbitMQ node (own name, ports, data dir and Erlang cookie) for one test run.
/// Listens on 127.0.0.1 only; guest/guest; no plugins. Each rabbitmqctl call costs ~0.7 s.
/// </summary>
public sealed class RabbitServer : IAsyncDisposable
{
    private const string BinDir = "/usr/lib/rabbitmq/bin";
    private static readonly string Ctl = Path.Combine(BinDir, "rabbitmqctl");
    private readonly Dictionary<string, string> _env;
    private bool _disposed;

    private RabbitServer(string nodeName, string root, int port, int distPort)
    {
        (NodeName, RootDirectory, Port, DistPort) = (nodeName, root, port, distPort);
        // The /usr/sbin wrappers switch user and share the system cookie; the bin scripts honour all of this.
        _env = new Dictionary<string, string>
        {
            ["HOME"] = root, // the node creates, and rabbitmqctl reads, the Erlang cookie here
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = Host,
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf"),
            // rabbitmqctl itself listens for Erlang distribution, by default on 35672-35682 (11 at once,
            // shared with any other RabbitMQ here); 0 lets the OS pick.
            ["RABBITMQ_CTL_DIST_PORT_MIN"] = "0",
            ["RABBITMQ_CTL_DIST_PORT_MAX"] = "0",
        };
    }

    public string Host => "127.0.0.1";
    public int Port { get; }
    public int DistPort { get; }
    public string Username => "guest";
    public string Password => "guest";
    public string NodeName { get; }
    public string RootDirectory { get; }
    public string PidFile => Path.Combine(RootDirectory, "pid");
    public string LogPath => Path.Combine(RootDirectory, "log", $"{NodeName}.log");

    public Uri AmqpUri(string vhost = "/") =>
        new($"amqp://{Username}:{Password}@{Host}:{Port}/{Uri.EscapeDataString(vhost)}");

    /// <param name="nodeName">Defaults to a unique t…@localhost; "@localhost" is added when no host is given.</param>
    public static async Task<RabbitServer> StartAsync(string? nodeName = null)
    {
        if (!File.Exists(Path.Combine(BinDir, "rabbitmq-server")) || !File.Exists(Ctl))
            throw new InvalidOperationException(
                $"RabbitMQ not found (looked for {BinDir}/rabbitmq-server). Install it with " +
                "`apt-get install -y rabbitmq-server` (as root; `bash scripts/test.sh` does this for you).");
        nodeName ??= $"t{Guid.NewGuid():N}"[..11];
        if (!nodeName.Contains('@')) nodeName += "@localhost";

        // A free port may be taken between probing and binding; fresh ports usually fix that.
        for (var attempt = 1; ; attempt++)
        {
            var root = Directory.CreateTempSubdirectory("surveys-rabbit-").FullName;
            await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[].");
            await File.WriteAllTextAsync(Path.Combine(root, "rabbitmq.conf"), "");
            var server = new RabbitServer(nodeName, root, Shell.FreePort(), Shell.FreePort());
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                if (attempt == 3) throw;
            }
        }
    }

    /// <summary>Runs rabbitmqctl against this node, e.g. <c>CtlAsync("status")</c>.</summary>
    public Task<ShellResult> CtlAsync(params string[] args) =>
        Shell.RunAsync(Ctl, ["-n", NodeName, .. args], TimeSpan.FromSeconds(90), _env);

    /// <summary>Creates a vhost (unique name unless given) with full permissions for guest.</summary>
    public async Task<string> CreateVirtualHostAsync(string? name = null)
    {
        name ??= $"v{Guid.NewGuid():N}";
        await CtlAsync("add_vhost", name);
        await CtlAsync("set_permissions", "-p", name, Username, ".*", ".*", ".*");
        return name;
    }

    /// <summary>
    /// Messages in the queue (ready + unacknowledged); -1 when the queue (or vhost) does not exist or reports no count
    /// (e.g. a quorum queue without a leader yet), so "absent" is never mistaken for "drained".
    /// </summary>
    public async Task<long> QueueDepthAsync(string vhost, string queue)
    {
        var result = await CtlAsync("list_queues", "-p", vhost, "name", "messages", "--formatter", "json", "-q");
        if (string.IsNullOrWhiteSpace(result.StdOut)) return -1;
        using var json = JsonDocument.Parse(result.StdOut);
        foreach (var q in json.RootElement.EnumerateArray())
            if (q.TryGetProperty("name", out var n) && n.GetString() == queue)
                return q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : -1;
        return -1;
    }

    public async Task StopAppAsync() => await CtlAsync("stop_app");
    public async Task StartAppAsync() => await CtlAsync("start_app");

    /// <summary>Stops the whole node and waits for its process to end.</summary>
    public async Task StopAsync()
    {
        var pid = ReadPid();
        await CtlAsync("stop", PidFile);
        if (pid is not null) await Shell.WaitUntilDeadAsync(pid.Value, TimeSpan.FromSeconds(30));
    }

    /// <summary>Starts the node (same name, ports and data) and waits until RabbitMQ is running.</summary>
    public async Task StartAgainAsync()
    {
        // `wait` would read a stale pid (e.g. after KillAsync) and report the dead process.
        File.Delete(PidFile);
        try
        {
            await Shell.RunAsync(Path.Combine(BinDir, "rabbitmq-server"), ["-detached"], TimeSpan.FromSeconds(30), _env);
            await CtlAsync("wait", "--timeout", "60", PidFile);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"RabbitMQ node {NodeName} (AMQP {Port}, dist {DistPort}) did not start. Log tail:\n{Shell.Tail(LogPath)}", e);
        }
    }

    /// <summary>kill -9 of the node's Erlang VM, like a crash; waits until it is gone.</summary>
    public Task KillAsync() =>
        Shell.KillAsync(ReadPid() ?? throw new InvalidOperationException($"No pid file for {NodeName}: is it running?"));

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (ReadPid() is { } pid && Shell.IsAlive(pid))
        {
            try
            {
                await Shell.RunAsync(Ctl, ["-n", NodeName, "stop", PidFile], TimeSpan.FromSeconds(15), _env);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                await Shell.KillAsync(pid);
            }
        }
        Shell.TryDeleteDirectory(RootDirectory);
    }

    private int? ReadPid()
    {
        try { return int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null; }
        catch (IOException) { return null; }
    }
}
