using MassTransit;
using Surveys.Contracts;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Flags;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.FollowUps;

/// <summary>Exactly one follow-up request (and one opening text) per response, however often it is delivered and by how many workers.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class FollowUpRedeliveryTests(ServersFixture servers)
{
    [ServerFact]
    public async Task Response_delivered_three_times_and_fifty_times_across_two_workers_opens_one_request()
    {
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await app.StartWorkerAsync();
        using var second = app.StartWorkerProcess();
        try
        {
            await app.WaitReadyAsync();
            var hood = await NeighborhoodAsync(app);
            var bus = app.Service<IBus>();
            var once = await TokenAsync(app, hood);
            for (var i = 0; i < 3; i++) await bus.Publish(Message(app, once));
            var many = await TokenAsync(app, hood);
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => bus.Publish(Message(app, many))));
            // Published last: when it is stored, the duplicates ahead of it in the queue have had their turn.
            var marker = await RespondAsync(app, hood, new { overall = 4 }, followUp: true);

            await Eventually.TrueAsync(async () => await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_ups WHERE contact_id = @Id", new { Id = marker }) == 1,
                TimeSpan.FromSeconds(60), "marker stored");
            Assert.Equal(3L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM responses WHERE neighborhood = @Hood", new { Hood = hood }));
            Assert.Equal(3L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_ups WHERE neighborhood = @Hood", new { Hood = hood }));
            Assert.Equal(3L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_up_texts t JOIN follow_ups f ON f.id = t.follow_up_id WHERE f.neighborhood = @Hood", new { Hood = hood }));
            Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM flags WHERE neighborhood = @Hood", new { Hood = hood }));
        }
        finally
        {
            if (!second.HasExited) second.Kill(entireProcessTree: true);
        }
    }

    // A contact through intake; the token id the worker stores against.
    static async Task<string> TokenAsync(ServerApp app, string hood)
    {
        var contact = await FlagScenario.Api(app, Keys.Intake).PostAsync("/api/v1/contacts", System.Net.Http.Json.JsonContent.Create(new
        {
            externalId = Unique("RD-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood = hood, contactType = "call-for-service",
            officers = new[] { "1001" }, phone = $"+1555{Random.Shared.Next(10_000_000):D7}", language = "en",
        }));
        var body = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Dictionary<string, string?>>(contact.Content))!;
        var url = body["surveyUrl"]!;
        Assert.True(app.Service<TokenCodec>().TryDecode(url[(url.LastIndexOf('/') + 1)..], out var t));
        return t.TokenId;
    }

    static SurveyResponseSubmitted Message(SurveysApp app, string tokenId) => new()
    {
        ReceiptId = Guid.NewGuid(), TokenId = tokenId, SubmittedAt = DateTimeOffset.UtcNow, Answers = new() { ["overall"] = 3 },
        WantsFollowUp = true, Channel = "api",
    };
}
