using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Data.Sqlite;
using Npgsql;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Security;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Flags;

/// <summary>
/// Flags and the audit log on real PostgreSQL and RabbitMQ (the worker as its own host), and the
/// append-only audit log enforced by the database itself, in both dialects.
/// </summary>
[Collection("servers")]
[RequiresServers]
public sealed class ServerFlagsTests(ServersFixture servers)
{
    async Task<ServerApp> StartedAsync()
    {
        var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync();
        await app.WaitReadyAsync();
        return app;
    }

    [ServerFact]
    public async Task Worker_raises_flags_once_even_when_the_response_is_redelivered()
    {
        await using var app = await StartedAsync();
        var hood = await NeighborhoodAsync(app);
        var contact = await RespondAsync(app, hood, new { overall = 1 }, "They beat me up.", complaint: true);
        var id = (await FlagIdAsync(app, contact, "ia"))!;
        Assert.Equal("open", (await app.Client(Keys.Ia).GetFromJsonAsync<JsonElement>($"/api/v1/flags/{id}")).GetProperty("status").GetString());

        // The same submission again, as a broker redelivery would bring it: nothing new is stored or raised.
        var tokenId = await ScalarAsync<string>(app, "SELECT token_id FROM contacts WHERE id = @Id", new { Id = contact });
        var message = new SurveyResponseSubmitted
        {
            ReceiptId = Guid.NewGuid(), TokenId = tokenId, SubmittedAt = DateTimeOffset.UtcNow, Answers = new() { ["overall"] = 1 },
            Comment = "They beat me up.", WantsComplaint = true, Channel = "api",
        };
        for (var i = 0; i < 3; i++) await app.Service<IBus>().Publish(message);
        // Published after the duplicates and waited for until stored; an empty queue then means every
        // duplicate has been delivered and acknowledged (batches may run concurrently).
        await RespondAsync(app, hood, new { overall = 3 });
        await Eventually.TrueAsync(async () => await servers.Rabbit.QueueDepthAsync(app.Settings["Surveys:RabbitMq:VirtualHost"]!, "survey-responses") == 0,
            TimeSpan.FromSeconds(30), "the queue drained");
        Assert.Equal(1L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM flags WHERE neighborhood = @Hood", new { Hood = hood }));
        Assert.Equal(2L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM flag_reasons r JOIN flags f ON f.id = r.flag_id WHERE f.neighborhood = @Hood", new { Hood = hood }));
    }

    [ServerFact]
    public async Task Audit_rows_cannot_be_changed_by_the_applications_PostgreSQL_role()
    {
        await using var app = await StartedAsync();
        var contact = await RespondAsync(app, await NeighborhoodAsync(app), new { overall = 3 }, null, complaint: true);
        var id = (await FlagIdAsync(app, contact, "ia"))!;
        await app.Client(Keys.Ia).GetAsync($"/api/v1/flags/{id}");
        await app.Client(Keys.Ia).PostAsJsonAsync($"/api/v1/flags/{id}/notes", new { text = "evidence" });

        // As the role the application connects with (here the owner and even a superuser: triggers still fire).
        await using (var owner = new NpgsqlConnection(app.ConnectionString))
            await AssertAppendOnlyAsync(owner, id, expectDisableToFail: false);

        // As a separate application role that was granted everything on every table: still refused,
        // and, not being the owner, it cannot switch the trigger off either.
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection(app.ConnectionString))
        {
            await admin.ExecuteAsync("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'surveys_app') THEN CREATE ROLE surveys_app LOGIN; END IF; END$$");
            await admin.ExecuteAsync("GRANT ALL ON ALL TABLES IN SCHEMA public TO surveys_app");
        }
        var appRole = new NpgsqlConnectionStringBuilder(servers.Postgres.ConnectionString(database)) { Username = "surveys_app" }.ConnectionString;
        await using (var role = new NpgsqlConnection(appRole))
            await AssertAppendOnlyAsync(role, id, expectDisableToFail: true);
    }

    [ServerFact]
    public async Task Audit_rows_cannot_be_changed_in_SQLite_either()
    {
        var fixture = new EmbeddedAppFixture();
        await fixture.InitializeAsync();
        try
        {
            var app = fixture.App;
            await app.Client(Keys.Ia).GetAsync("/api/v1/flags/none"); // writes one audit row
            await using var connection = (SqliteConnection)await app.Service<Db>().OpenAsync();
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log") > 0);
            Assert.Contains("append-only", (await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("UPDATE audit_log SET outcome = 'success'"))).Message);
            Assert.Contains("append-only", (await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM audit_log"))).Message);
        }
        finally { await fixture.DisposeAsync(); }
    }

    static async Task AssertAppendOnlyAsync(NpgsqlConnection connection, string flagId, bool expectDisableToFail)
    {
        await connection.OpenAsync();
        var before = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE target = @Id", new { Id = flagId });
        Assert.True(before >= 2);
        foreach (var sql in new[] { "UPDATE audit_log SET outcome = 'success', actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log",
                     "UPDATE flag_notes SET text = 'nothing'", "DELETE FROM flag_notes" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            Assert.True(error.MessageText.Contains("append-only") || error.SqlState == "42501", $"{sql}: {error.MessageText}");
        }
        if (expectDisableToFail)
            Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))).SqlState);
        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE target = @Id", new { Id = flagId }));
        // Appending still works: the log is append-only, not read-only.
        await connection.ExecuteAsync("INSERT INTO audit_log (at, actor, actor_kind, action, outcome) VALUES (1, 'test', 'test', 'test.append', 'success')");
    }
}
