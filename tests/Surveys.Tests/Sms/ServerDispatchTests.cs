using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using Surveys.Data;
using Surveys.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Surveys.Tests.Sms;

/// <summary>Server mode for real: PostgreSQL, RabbitMQ, and the SMS scheduler in separate worker processes.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class ServerDispatchTests(ServersFixture servers, ITestOutputHelper output)
{
    static Dictionary<string, string?> Settings(Dictionary<string, string?> provider)
    {
        provider["Surveys:PublicBaseUrl"] = SmsApp.PublicBaseUrl;
        provider["Surveys:Sms:Twilio:AuthToken"] = SmsApp.AuthToken;
        // These tests run at any hour of the day: no quiet hours.
        provider["Surveys:Sms:QuietHours:Start"] = "00:00";
        provider["Surveys:Sms:QuietHours:End"] = "00:00";
        provider["Surveys:Sms:PollInterval"] = "00:00:00.1";
        provider["Surveys:Sms:MaxPerMinute"] = "100000";
        return provider;
    }

    static async Task<List<string>> ContactsAsync(ServerApp app, int count, DateTimeOffset occurredAt)
    {
        var admin = app.Client(Keys.Admin);
        var nb = SmsApp.Unique("SV");
        (await admin.PutAsJsonAsync($"/api/v1/neighborhoods/{nb}", new { name = nb })).EnsureSuccessStatusCode();
        var intake = app.Client(Keys.Intake);
        var phones = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var phone = SmsApp.UniquePhone();
            (await intake.PostAsJsonAsync("/api/v1/contacts", new
            {
                externalId = SmsApp.Unique("SV-"), occurredAt, neighborhood = nb, contactType = "traffic-stop", officers = new[] { "8001" }, phone, language = "en",
            })).EnsureSuccessStatusCode();
            phones.Add(phone);
        }
        return phones;
    }

    static void Kill(params Process[] processes)
    {
        foreach (var p in processes) { try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
    }

    [ServerFact]
    public async Task Two_workers_never_send_the_same_invitation_twice()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.Latency = TimeSpan.FromMilliseconds(5);
        var settings = Settings(twilio.Settings());
        // Small batches and a 10 ms tick keep the two workers' claims overlapping all the time (a
        // claim without its row check was measured to send some invitations twice here).
        settings["Surveys:Sms:BatchSize"] = "5";
        settings["Surveys:Sms:PollInterval"] = "00:00:00.01";
        // Both workers are up before the first invitation falls due, so they compete for all of them.
        settings["Surveys:Sms:Delay"] = "00:00:08";
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, settings);
        var workers = new[] { app.StartWorkerProcess(), app.StartWorkerProcess() };
        try
        {
            await app.WaitReadyAsync();
            var phones = await ContactsAsync(app, 200, DateTimeOffset.UtcNow);
            await Eventually.TrueAsync(() => Task.FromResult(twilio.Messages.Count >= 200), TimeSpan.FromSeconds(90), "200 invitations");
            // Every invitation recorded as sent: no worker holds a claim any more, so no send is still under way.
            await using var connection = await app.Service<Db>().OpenAsync();
            await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE sms_status = 'sent'") == 200,
                TimeSpan.FromSeconds(30), "200 invitations recorded as sent");

            Assert.Empty(twilio.Violations);
            Assert.Equal(200, twilio.Requests);
            Assert.Equal(phones.Order(), twilio.Messages.Select(m => m.To).Order());
            var recorded = (await connection.QueryAsync<string>("SELECT sms_sid FROM contacts WHERE sms_status = 'sent'")).Order();
            Assert.Equal(twilio.Messages.Select(m => m.Sid).Order(), recorded);
            var perWorker = (await connection.QueryAsync<(string Worker, long Sent)>(
                "SELECT worker, COUNT(*) FROM sms_events WHERE kind = 'sent' GROUP BY worker")).ToList();
            output.WriteLine(string.Join(", ", perWorker.Select(w => $"{w.Worker}: {w.Sent}")));
            Assert.Equal(2, perWorker.Count); // both took part
        }
        finally { Kill(workers); }
    }

    [ServerFact]
    public async Task A_worker_killed_mid_send_never_causes_a_second_send()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.Latency = TimeSpan.FromSeconds(4);
        var settings = Settings(twilio.Settings());
        settings["Surveys:Sms:ClaimTimeout"] = "00:00:02";
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, settings);
        var first = app.StartWorkerProcess();
        Process? second = null;
        try
        {
            await app.WaitReadyAsync();
            var phone = Assert.Single(await ContactsAsync(app, 1, DateTimeOffset.UtcNow.AddHours(-3)));
            await Eventually.TrueAsync(() => Task.FromResult(twilio.Requests >= 1), TimeSpan.FromSeconds(60), "the send under way");
            first.Kill(entireProcessTree: true); // SIGKILL while the provider is still answering
            await first.WaitForExitAsync();

            second = app.StartWorkerProcess();
            await using var connection = await app.Service<Db>().OpenAsync();
            await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<string>("SELECT sms_status FROM contacts") == "unknown",
                TimeSpan.FromSeconds(60), "the interrupted send settled");
            // A later invitation, due at once: once the second worker has sent it, its dispatch has
            // passed over the interrupted one, which must not have been sent again.
            var later = Assert.Single(await ContactsAsync(app, 1, DateTimeOffset.UtcNow.AddHours(-3)));
            await Eventually.TrueAsync(() => Task.FromResult(twilio.Messages.Any(m => m.To == later)), TimeSpan.FromSeconds(60), "the later invitation sent");
            Assert.Equal(2, twilio.Requests);
            Assert.Equal(phone, Assert.Single(twilio.Messages, m => m.To != later).To);
            Assert.Equal("interrupted mid-send; not resent", await connection.ExecuteScalarAsync<string>("SELECT sms_error FROM contacts WHERE sms_status = 'unknown'"));
        }
        finally { Kill([first, .. second is null ? Array.Empty<Process>() : [second]]); }
    }

    [ServerFact]
    public async Task Answers_by_text_go_through_RabbitMQ_and_the_worker_into_the_figures()
    {
        var settings = Settings(new() { ["Surveys:Sms:ReplySurvey"] = "true" });
        await using var app = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit, settings);
        var worker = app.StartWorkerProcess();
        try
        {
            await app.WaitReadyAsync();
            var occurred = DateTimeOffset.UtcNow.AddHours(-3);
            var phone = Assert.Single(await ContactsAsync(app, 1, occurred));
            await using var connection = await app.Service<Db>().OpenAsync();
            await Eventually.TrueAsync(async () => await connection.ExecuteScalarAsync<string>("SELECT sms_status FROM contacts") == "sent",
                TimeSpan.FromSeconds(60), "the invitation sent");
            var nb = await connection.ExecuteScalarAsync<string>("SELECT neighborhood FROM contacts");
            var month = await connection.ExecuteScalarAsync<string>("SELECT month FROM contacts");

            foreach (var (text, expected) in new[] { ("5", "dignity"), ("4", "Anything else"), ("no", "Thank you for your feedback") })
            {
                var response = await app.Client().SendAsync(TwilioSigner.Request("/sms/inbound", new()
                {
                    ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["From"] = phone, ["To"] = FakeTwilio.From, ["Body"] = text,
                }));
                Assert.Contains(expected, XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Value);
            }
            JsonElement figures = default;
            await Eventually.TrueAsync(async () =>
            {
                figures = await app.Client(Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/stats/neighborhoods/{nb}?month={month}");
                return figures.GetProperty("responses").GetInt64() == 1;
            }, TimeSpan.FromSeconds(60), "the answer in the figures");
            Assert.Equal(1, figures.GetProperty("items").GetProperty("respect").GetProperty("n").GetInt64());
            Assert.Equal("sms", await connection.ExecuteScalarAsync<string>("SELECT channel FROM responses"));
        }
        finally { Kill(worker); }
    }
}
