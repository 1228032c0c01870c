using System.Diagnostics;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Xunit.Abstractions;

namespace Surveys.Tests.Faults;

/// <summary>
/// deploy/rabbitmq-cluster.sh's 3-node cluster with quorum queues; two API and two worker
/// processes; one node stopped mid-stream: publishing and consuming go on, nothing is lost.
/// </summary>
[Collection("servers")]
[RequiresServers]
public sealed class ClusterTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Stopping_one_of_three_nodes_mid_stream_loses_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("surveys-cluster-").FullName;
        var script = Path.Combine(Repo.Root, "deploy", "rabbitmq-cluster.sh");
        // "auto": the script picks a base whose six ports (AMQP and Erlang distribution) are free.
        output.WriteLine((await Shell.RunAsync("bash", [script, "start", dir, "auto"], TimeSpan.FromMinutes(3))).StdOut);
        var basePort = int.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "base")));
        var workers = new List<Process>();
        try
        {
            var nodes = new Dictionary<string, string?>
            {
                ["Surveys:RabbitMq:Host"] = "127.0.0.1", ["Surveys:RabbitMq:Port"] = (basePort + 1).ToString(), ["Surveys:RabbitMq:VirtualHost"] = "/",
                ["Surveys:Worker:BatchSize"] = "20",
            };
            // Each process lists the nodes in its own order, so the two of each kind start on different nodes.
            await using var api1 = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, With(nodes, basePort, 1, 2, 3));
            await using var api2 = new SurveysApp(With(api1.Settings, basePort, 2, 3, 1));
            workers.Add(api1.StartWorkerProcess());
            workers.Add(ServerApp.StartWorkerProcess(With(api1.Settings, basePort, 3, 1, 2)));
            await Task.WhenAll(api1.WaitReadyAsync(), api2.WaitReadyAsync());

            var tokens = await Ledger.ContactsAsync(api1, "C1", 1600);
            var ledger = new Ledger();
            var load = Task.WhenAll(ledger.SubmitAllAsync(api1, tokens.Take(800), 8), ledger.SubmitAllAsync(api2, tokens.Skip(800), 8));
            await Eventually.TrueAsync(async () => await Ledger.StoredAsync(api1.ConnectionString) > 100, TimeSpan.FromSeconds(60), "consumption under way");
            await Shell.RunAsync("bash", [script, "node", dir, "1", "stop"], TimeSpan.FromMinutes(1));
            await load;

            await ledger.AssertConsistentAsync(api1, api1.ConnectionString, output);
            Assert.True(ledger.Acked.Count > 1200, "publishing continued through the node loss");
        }
        finally
        {
            workers.ForEach(w => w.Kill(entireProcessTree: true));
            await Shell.RunAsync("bash", [script, "stop", dir], TimeSpan.FromMinutes(1), check: false);
            Shell.TryDeleteDirectory(dir);
        }
    }

    static Dictionary<string, string?> With(Dictionary<string, string?> settings, int basePort, params int[] order)
    {
        var s = new Dictionary<string, string?>(settings);
        for (var i = 0; i < order.Length; i++) s[$"Surveys:RabbitMq:ClusterNodes:{i}"] = $"127.0.0.1:{basePort + order[i]}";
        s["Surveys:RabbitMq:Port"] = (basePort + order[0]).ToString();
        return s;
    }
}
