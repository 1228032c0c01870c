using Dapper;
using MassTransit;
using Npgsql;
using Surveys.Contracts;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Reliability;
using Surveys.Processing.Operations;

namespace Surveys.Tests.Faults;

[Collection("servers")]
[RequiresServers]
public sealed class PoisonReplayTests(ServersFixture servers)
{
    [ServerFact]
    public async Task Poison_message_waits_in_the_error_queue_and_the_operator_replays_it_once_fixed()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        var tokens = await Ledger.ContactsAsync(app, "X1", 20);
        var vhost = app.Settings["Surveys:RabbitMq:VirtualHost"]!;

        // A response whose contact row is missing (e.g. restored later from a backup): poison for now.
        const string orphan = "orphanorphanorphan0001";
        var bus = app.Service<IBus>();
        await bus.Publish(new SurveyResponseSubmitted { ReceiptId = Guid.NewGuid(), TokenId = orphan, SubmittedAt = DateTimeOffset.UtcNow, Answers = new() { ["overall"] = 2 } });
        var ledger = new Ledger();
        await ledger.SubmitAllAsync(app, tokens, concurrency: 4);
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) == 20, TimeSpan.FromSeconds(30), "everything else flowed");
        await Eventually.TrueAsync(async () => await servers.Rabbit.QueueDepthAsync(vhost, "survey-responses_error") == 1, TimeSpan.FromSeconds(30), "poison in the error queue");

        // The fix: the missing contact is restored. Then the operator replays the error queue.
        await using (var db = new NpgsqlConnection(app.ConnectionString))
            await db.ExecuteAsync("""
                INSERT INTO contacts (id, external_id, occurred_at, month, neighborhood, contact_type, language, status, phone_hash, token_id, expires_at, created_at)
                SELECT 'restored', 'restored', occurred_at, month, neighborhood, contact_type, language, 'invited', 'x', @Orphan, expires_at, created_at
                FROM contacts LIMIT 1
                """, new { Orphan = orphan });
        var options = new SurveysOptions { RabbitMq = { Host = servers.Rabbit.Host, Port = (ushort)servers.Rabbit.Port, VirtualHost = vhost } };
        Assert.Equal(1, await ErrorQueueReplay.RunAsync(options, "survey-responses", TextWriter.Null));
        await Eventually.TrueAsync(async () => await Ledger.StoredAsync(app.ConnectionString) == 21, TimeSpan.FromSeconds(30), "replayed message stored");
        Assert.Equal(0, await servers.Rabbit.QueueDepthAsync(vhost, "survey-responses_error"));
    }
}
