using System.Net.Http.Json;
using Dapper;
using MassTransit;
using Npgsql;
using Surveys.Contracts;
using Surveys.Security;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reliability;

/// <summary>The worker's unique key is the final guard: duplicates that get past the API change nothing.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class RedeliveryTests(ServersFixture servers)
{
    [ServerFact]
    public async Task Same_message_delivered_three_times_is_stored_and_counted_once()
    {
        await using var app = await StartedAsync();
        var token = (await Ledger.ContactsAsync(app, "R1", 1))[0];
        var message = Message(app, token, Guid.NewGuid());
        var bus = app.Service<IBus>();
        for (var i = 0; i < 3; i++) await bus.Publish(message);
        await AssertStoredOnceAsync(app);
    }

    [ServerFact]
    public async Task Fifty_parallel_publishes_for_one_token_store_one_row()
    {
        await using var app = await StartedAsync();
        var token = (await Ledger.ContactsAsync(app, "R2", 1))[0];
        var bus = app.Service<IBus>();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => bus.Publish(Message(app, token, Guid.NewGuid()))));
        await AssertStoredOnceAsync(app);
    }

    [ServerFact]
    public async Task Message_for_an_unknown_token_goes_to_the_error_queue_and_the_rest_keep_flowing()
    {
        await using var app = await StartedAsync();
        var token = (await Ledger.ContactsAsync(app, "R3", 1))[0];
        var bus = app.Service<IBus>();
        await bus.Publish(Message(app, token, Guid.NewGuid()) with { TokenId = "AAAAAAAAAAAAAAAAAAAAAA" });
        await bus.Publish(Message(app, token, Guid.NewGuid()));
        await AssertStoredOnceAsync(app);
        var vhost = app.Settings["Surveys:RabbitMq:VirtualHost"]!;
        await Eventually.TrueAsync(async () => await servers.Rabbit.QueueDepthAsync(vhost, "survey-responses_error") == 1,
            TimeSpan.FromSeconds(30), "poison message in the error queue");
    }

    async Task<ServerApp> StartedAsync()
    {
        var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        return app;
    }

    static SurveyResponseSubmitted Message(SurveysApp app, string token, Guid receipt)
    {
        Assert.True(app.Service<TokenCodec>().TryDecode(token, out var t));
        return new SurveyResponseSubmitted
        {
            ReceiptId = receipt, TokenId = t.TokenId, SubmittedAt = DateTimeOffset.UtcNow, Answers = new() { ["overall"] = 5, ["trust"] = 4 },
        };
    }

    /// <summary>
    /// A later answer (overall 1) for another contact, then: it is stored and the queue is empty, so
    /// every duplicate ahead of it has been delivered and acknowledged. The aggregates must then
    /// count two answers, the duplicated one (overall 5) once: a recount, not the unique key's row count.
    /// </summary>
    async Task AssertStoredOnceAsync(ServerApp app)
    {
        var later = (await Ledger.ContactsAsync(app, "RL", 1))[0];
        await app.Service<IBus>().Publish(Message(app, later, Guid.NewGuid()) with { Answers = new() { ["overall"] = 1 } });
        var vhost = app.Settings["Surveys:RabbitMq:VirtualHost"]!;
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await Eventually.TrueAsync(async () => await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM aggregates WHERE scope = 'city' AND item = 'overall' AND c1 = 1") == 1
            && await servers.Rabbit.QueueDepthAsync(vhost, "survey-responses") == 0, TimeSpan.FromSeconds(60), "the later answer counted, the queue drained");
        Assert.Equal((2L, 1L), await db.QuerySingleAsync<(long, long)>("SELECT n, c5 FROM aggregates WHERE scope = 'city' AND item = 'overall'"));
        Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT responses FROM monthly_counts WHERE scope = 'city'"));
        // Both contacts have officers 9001 and 9100: each officer has the 5 once and the 1 once.
        Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM aggregates WHERE scope = 'officer' AND item = 'overall' AND n = 2 AND c5 = 1 AND c1 = 1"));
    }
}
