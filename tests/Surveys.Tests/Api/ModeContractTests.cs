using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Api;

public sealed class EmbeddedAppFixture : IAsyncLifetime
{
    public SurveysApp App { get; } = SurveysApp.Embedded();
    public Task InitializeAsync() => App.WaitReadyAsync();
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The contract in Embedded mode: SQLite file, in-memory bus, worker in the API process.</summary>
public sealed class EmbeddedContractTests(EmbeddedAppFixture fixture) : ContractTests, IClassFixture<EmbeddedAppFixture>
{
    protected override Task<SurveysApp> AppAsync() => Task.FromResult(fixture.App);
}

/// <summary>The contract in Server mode: PostgreSQL, RabbitMQ, the worker as its own host.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class ServerContractTests(ServersFixture servers) : ContractTests
{
    static readonly LazyServerApp Shared = new();

    protected override Task<SurveysApp> AppAsync() => Shared.GetAsync(servers);
}
