using System.Diagnostics;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using Xunit;
using Xunit.Abstractions;

namespace Surveys.Tests.Infrastructure;

[Collection("servers")]
[RequiresServers]
public sealed class ServerInfrastructureTests(ServersFixture servers, ITestOutputHelper output)
{
    [ServerFact]
    public async Task Fresh_database_accepts_queries()
    {
        var connectionString = await servers.Postgres.CreateDatabaseAsync();

        Assert.Equal(1, await ScalarAsync<int>(connectionString, "SELECT 1"));
    }

    [ServerFact]
    public async Task Each_created_database_is_a_separate_database()
    {
        var first = await servers.Postgres.CreateDatabaseAsync();
        var second = await servers.Postgres.CreateDatabaseAsync();
        await ScalarAsync<int>(first, "CREATE TABLE only_in_first (id int); SELECT 1");

        Assert.NotEqual(await ScalarAsync<string>(first, "SELECT current_database()"),
            await ScalarAsync<string>(second, "SELECT current_database()"));
        Assert.Null(await ScalarAsync<string?>(second, "SELECT to_regclass('only_in_first')::text"));
    }

    [ServerFact]
    public async Task A_missing_queue_in_a_new_virtual_host_has_depth_minus_one()
    {
        var vhost = await servers.Rabbit.CreateVirtualHostAsync();

        Assert.Equal(-1, await servers.Rabbit.QueueDepthAsync(vhost, "no-such-queue"));
        Assert.Equal(-1, await servers.Rabbit.QueueDepthAsync("no-such-vhost", "no-such-queue"));
    }

    [ServerFact]
    public async Task Queue_depth_counts_the_messages_waiting_in_a_queue()
    {
        var rabbit = servers.Rabbit;
        var vhost = await rabbit.CreateVirtualHostAsync();
        var factory = new ConnectionFactory { Uri = rabbit.AmqpUri(vhost) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync("depth", durable: true, exclusive: false, autoDelete: false);
        Assert.Equal(0, await rabbit.QueueDepthAsync(vhost, "depth"));

        for (var i = 0; i < 3; i++)
            await channel.BasicPublishAsync("", "depth", Encoding.UTF8.GetBytes($"m{i}"));

        // Publishing without confirms: the queue may count them a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long depth;
        while ((depth = await rabbit.QueueDepthAsync(vhost, "depth")) != 3 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(3, depth);
    }

    [ServerFact]
    public async Task Throwaway_broker_comes_back_with_its_data_after_app_stop_kill_and_full_stop()
    {
        var clock = Stopwatch.StartNew();
        await using var rabbit = await RabbitServer.StartAsync();
        output.WriteLine($"RabbitMQ start: {clock.Elapsed.TotalSeconds:F1} s (AMQP {rabbit.Port}, dist {rabbit.DistPort})");
        var vhost = await rabbit.CreateVirtualHostAsync();

        await rabbit.StopAppAsync();
        await rabbit.StartAppAsync();
        Assert.Equal(-1, await rabbit.QueueDepthAsync(vhost, "none"));

        clock.Restart();
        await rabbit.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => rabbit.CtlAsync("status"));
        await rabbit.StartAgainAsync();
        output.WriteLine($"kill + start again: {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        await rabbit.StopAsync();
        await rabbit.StartAgainAsync();
        output.WriteLine($"stop + start again: {clock.Elapsed.TotalSeconds:F1} s");

        await rabbit.CtlAsync("status");
        Assert.Contains(vhost, (await rabbit.CtlAsync("list_vhosts", "-q")).StdOut.Split('\n'));
    }

    [ServerFact]
    public async Task Throwaway_postgres_keeps_its_data_across_a_restart()
    {
        var clock = Stopwatch.StartNew();
        await using var postgres = await PostgresServer.StartAsync();
        output.WriteLine($"PostgreSQL start: {clock.Elapsed.TotalSeconds:F1} s (port {postgres.Port})");
        // Unpooled: a pooled connection from before the restart would be dead.
        var db = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { Pooling = false }.ConnectionString;
        await ScalarAsync<int>(db, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before'); SELECT 1");

        await postgres.StopAsync();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync<int>(db, "SELECT 1"));
        await postgres.StartAgainAsync();
        clock.Restart();
        await postgres.RestartAsync();
        output.WriteLine($"PostgreSQL restart: {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal("before", await ScalarAsync<string>(db, "SELECT v FROM kept"));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }
}
