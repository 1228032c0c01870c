using Xunit;

namespace Surveys.Tests.Infrastructure;

[CollectionDefinition("servers")]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>;

/// <summary>
/// One PostgreSQL cluster and one RabbitMQ node for the whole test run, shared by every class in
/// [Collection("servers")]. Give each test its own database (CreateDatabaseAsync) and vhost
/// (CreateVirtualHostAsync); tests that stop or kill a server start a throwaway one of their own.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RabbitServer? _rabbit;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Servers are not started yet.");
    public RabbitServer Rabbit => _rabbit ?? throw new InvalidOperationException("Servers are not started yet.");

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var rabbit = RabbitServer.StartAsync();
        try
        {
            await Task.WhenAll(postgres, rabbit);
        }
        catch
        {
            // Whichever did start must not outlive the failed run.
            if (postgres.IsCompletedSuccessfully) await (await postgres).DisposeAsync();
            if (rabbit.IsCompletedSuccessfully) await (await rabbit).DisposeAsync();
            throw;
        }
        (_postgres, _rabbit) = (await postgres, await rabbit);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(
            _postgres?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            _rabbit?.DisposeAsync().AsTask() ?? Task.CompletedTask);
    }
}
