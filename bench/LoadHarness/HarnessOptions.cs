namespace Surveys.Bench;

/// <summary>Command-line options: `--name value` pairs, all with defaults fit for bench/run.sh.</summary>
public sealed record HarnessOptions
{
    public Uri Api { get; init; } = new("http://127.0.0.1:5080");
    public string Key { get; init; } = "";
    public int Responses { get; init; } = 20_000;
    public int Concurrency { get; init; } = 64;
    /// <summary>Concurrent requests while creating contacts: they all update the same city row, so more does not help.</summary>
    public int SetupConcurrency { get; init; } = 16;
    public string Pg { get; init; } = "";
    public string RabbitHost { get; init; } = "127.0.0.1";
    public ushort RabbitPort { get; init; } = 5672;
    public string VHost { get; init; } = "/";
    public string RabbitUser { get; init; } = "guest";
    public string RabbitPassword { get; init; } = "guest";
    public int ApiPid { get; init; }
    public int WorkerPid { get; init; }
    /// <summary>Optional: only used to split CPU time between processes in the report.</summary>
    public int BrokerPid { get; init; }
    public int PgPid { get; init; }
    /// <summary>
    /// Throwaway database only (bench/run.sh): synchronous_commit off during set-up. Every invited
    /// contact updates the same city row and holds its lock through the commit's WAL flush, so
    /// set-up otherwise crawls at ~100-200 contacts/s. Restored before anything is measured.
    /// </summary>
    public bool FastSetup { get; init; }
    /// <summary>One Embedded-mode process (bench/embedded.sh): no broker, no PostgreSQL, no separate worker.</summary>
    public bool Embedded { get; init; }
    /// <summary>Must match the API's Surveys:TimeZone: it decides which month the responses count in.</summary>
    public string TimeZone { get; init; } = "America/New_York";
    /// <summary>Upper bound for each waiting phase, so a stuck pipeline ends the run instead of hanging it.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Requests (or messages) sent and drained before each measured phase, so JIT and pools are warm.</summary>
    public int Warmup => Math.Clamp(Responses / 50, 50, 500);

    public static HarnessOptions Parse(string[] args)
    {
        var o = new HarnessOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            // The switches without a value.
            if (args[i] == "--fast-setup") { o = o with { FastSetup = true }; i--; continue; }
            if (args[i] == "--embedded") { o = o with { Embedded = true }; i--; continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"missing value for {args[i]}");
            var v = args[i + 1];
            o = args[i] switch
            {
                "--api" => o with { Api = new Uri(v) },
                "--key" => o with { Key = v },
                "--responses" => o with { Responses = int.Parse(v) },
                "--concurrency" => o with { Concurrency = int.Parse(v) },
                "--setup-concurrency" => o with { SetupConcurrency = int.Parse(v) },
                "--pg" => o with { Pg = v },
                "--rabbit-host" => o with { RabbitHost = v },
                "--rabbit-port" => o with { RabbitPort = ushort.Parse(v) },
                "--vhost" => o with { VHost = v },
                "--rabbit-user" => o with { RabbitUser = v },
                "--rabbit-password" => o with { RabbitPassword = v },
                "--api-pid" => o with { ApiPid = int.Parse(v) },
                "--worker-pid" => o with { WorkerPid = int.Parse(v) },
                "--broker-pid" => o with { BrokerPid = int.Parse(v) },
                "--pg-pid" => o with { PgPid = int.Parse(v) },
                "--time-zone" => o with { TimeZone = v },
                "--phase-timeout" => o with { PhaseTimeout = TimeSpan.FromSeconds(int.Parse(v)) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Key == "" || o.ApiPid == 0 || (!o.Embedded && (o.Pg == "" || o.WorkerPid == 0)))
            throw new ArgumentException("--key and --api-pid are required; --pg and --worker-pid too unless --embedded");
        if (o.Responses < 1 || o.Concurrency < 1) throw new ArgumentException("--responses and --concurrency must be positive");
        return o;
    }
}
