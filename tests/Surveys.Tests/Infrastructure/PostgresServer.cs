using System.Text.RegularExpressions;
using Npgsql;

namespace Surveys.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder on its own port, owned by one test run.
/// Trust authentication, user postgres, 127.0.0.1 only.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string InstallHint =
        "Install them with `apt-get install -y postgresql` (as root; `bash scripts/test.sh` does this for you).";

    private readonly string _bin;
    private bool _disposed;

    private PostgresServer(string bin, string root, int port) => (_bin, RootDirectory, Port) = (bin, root, port);

    public int Port { get; }
    public string Host => "127.0.0.1";
    public string RootDirectory { get; }
    public string DataDirectory => Path.Combine(RootDirectory, "data");
    public string LogPath => Path.Combine(RootDirectory, "postgres.log");

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var root = Directory.CreateTempSubdirectory("surveys-pg-").FullName;
        try
        {
            // initdb refuses to run as root, so the cluster belongs to the postgres user.
            if (Environment.IsPrivilegedProcess)
                await Shell.RunAsync("chown", ["postgres:postgres", root]);
            var initdb = new PostgresServer(bin, root, 0);
            await initdb.RunAsync("initdb", ["-D", initdb.DataDirectory, "-U", "postgres", "--auth-local=trust",
                "--auth-host=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], TimeSpan.FromSeconds(120));
        }
        catch
        {
            Shell.TryDeleteDirectory(root);
            throw;
        }

        // The free port may be taken between probing and binding; a fresh port usually fixes that.
        for (var attempt = 1; ; attempt++)
        {
            var server = new PostgresServer(bin, root, Shell.FreePort());
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch when (attempt < 3)
            {
                await server.RunAsync("pg_ctl", ["-D", server.DataDirectory, "-m", "immediate", "-w", "stop"], check: false);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host, Port = Port, Username = "postgres", Database = database,
        Pooling = true, Timeout = 5, CommandTimeout = 30,
    }.ConnectionString;

    /// <summary>Creates an empty database (unique name unless given) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"t_{Guid.NewGuid():N}";
        if (!Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new ArgumentException($"Use a plain lower-case identifier as database name, not '{name}'.", nameof(name));
        // No pooling: an admin connection pooled before a RestartAsync would be dead on next use.
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task StopAsync() =>
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromSeconds(90));

    /// <summary>Starts the cluster (same data, same port) and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        // fsync=off only loses data if the machine itself crashes; a killed postgres still recovers.
        var options = $"-p {Port} -k {RootDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";
        try
        {
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogPath, "-w", "-t", "60", "-o", options, "start"],
                TimeSpan.FromSeconds(90));
            await WaitForConnectionsAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"PostgreSQL did not start on port {Port}. Log tail:\n{Shell.Tail(LogPath)}", e);
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            var stop = RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "15", "stop"],
                TimeSpan.FromSeconds(20), check: false);
            try { await stop; } catch (TimeoutException) { }
            // A postmaster that ignored the stop must not keep running without its folder.
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
                await Shell.KillAsync(pid);
        }
        Shell.TryDeleteDirectory(RootDirectory);
    }

    private async Task WaitForConnectionsAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            try { await using var connection = new NpgsqlConnection(probe); await connection.OpenAsync(); return; }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline) { }
        }
    }

    private Task<ShellResult> RunAsync(string tool, string[] args, TimeSpan? timeout = null, bool check = true) =>
        Environment.IsPrivilegedProcess
            ? Shell.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args], timeout, check: check)
            : Shell.RunAsync(Path.Combine(_bin, tool), args, timeout, check: check);

    private static string FindBinDirectory()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException(
                $"PostgreSQL server binaries not found (looked for /usr/lib/postgresql/*/bin/initdb). {InstallHint}");
        if (Environment.IsPrivilegedProcess && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:")))
            throw new InvalidOperationException($"Running as root but there is no 'postgres' user to own the cluster. {InstallHint}");
        return bin;
    }
}
