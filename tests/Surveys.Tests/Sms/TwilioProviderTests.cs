using Surveys.Api.Contacts;
using System.Net;
using Surveys.Rules;

namespace Surveys.Tests.Sms;

/// <summary>The Twilio provider against a local stand-in that checks Twilio's documented request format.</summary>
public sealed class TwilioProviderTests
{
    static readonly DateTimeOffset Midday = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    static async Task<(FakeTwilio Twilio, SmsApp App)> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        var settings = twilio.Settings();
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return (twilio, await SmsApp.StartAsync(Midday, settings));
    }

    [Fact]
    public async Task Invitation_is_a_documented_Messages_request_and_the_message_sid_is_recorded()
    {
        var (twilio, app) = await StartAsync();
        await using var _ = twilio;
        await using var __ = app;
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(await app.NeighborhoodAsync(), Midday.AddHours(-3), phone);
        await app.DispatchAsync();

        Assert.Empty(twilio.Violations);
        var sent = Assert.Single(twilio.Messages);
        Assert.Equal(phone, sent.To);
        Assert.Contains(contact.SurveyUrl!, sent.Body);
        Assert.Equal(SmsApp.PublicBaseUrl + "/sms/status", sent.StatusCallback);
        var row = await app.RowAsync(contact.ContactId);
        Assert.Equal(("sent", sent.Sid), (row.SmsStatus, row.SmsSid));
    }

    [Fact]
    public async Task Delivery_callbacks_are_recorded_and_only_move_forward()
    {
        var (twilio, app) = await StartAsync();
        await using var _ = twilio;
        await using var __ = app;
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(await app.NeighborhoodAsync(), Midday.AddHours(-3), phone);
        await app.DispatchAsync();
        var sid = Assert.Single(twilio.Messages).Sid;

        foreach (var status in new[] { "sent", "delivered", "sent" }) // the late "sent" arrives out of order
        {
            var response = await app.PostSignedAsync("/sms/status", new()
            {
                ["MessageSid"] = sid, ["SmsSid"] = sid, ["MessageStatus"] = status, ["SmsStatus"] = status, ["AccountSid"] = FakeTwilio.AccountSid,
                ["From"] = FakeTwilio.From, ["To"] = phone, ["ApiVersion"] = "2010-04-01",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal("delivered", (await app.RowAsync(contact.ContactId)).SmsDelivery);
        Assert.Equal(["sent", "status", "status", "status"], await app.EventsAsync(contact.ContactId));
    }

    [Fact]
    public async Task A_refused_send_is_retried_with_growing_backoff_until_it_goes_through()
    {
        var (twilio, app) = await StartAsync();
        await using var _ = twilio;
        await using var __ = app;
        twilio.Fail = n => n <= 2 ? (503, 20503) : null;
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(await app.NeighborhoodAsync(), Midday.AddHours(-3), phone);

        await app.DispatchAsync();
        var row = await app.RowAsync(contact.ContactId);
        Assert.Equal(("retry", 1L, "HTTP 503, provider error 20503"), (row.SmsStatus, row.SmsAttempts, row.SmsError));
        Assert.Equal(app.Clock.Now.AddMinutes(1).ToUnixTimeMilliseconds(), row.SmsNextAt);
        await app.DispatchAsync(); // not yet due again
        Assert.Equal(1, (await app.RowAsync(contact.ContactId)).SmsAttempts);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
        row = await app.RowAsync(contact.ContactId);
        Assert.Equal(("retry", 2L), (row.SmsStatus, row.SmsAttempts));
        Assert.Equal(app.Clock.Now.AddMinutes(2).ToUnixTimeMilliseconds(), row.SmsNextAt); // doubled

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DispatchAsync();
        row = await app.RowAsync(contact.ContactId);
        var sent = Assert.Single(twilio.Messages);
        Assert.Equal(("sent", 3L, sent.Sid), (row.SmsStatus, row.SmsAttempts, row.SmsSid));
        Assert.Equal(["retry", "retry", "sent"], await app.EventsAsync(contact.ContactId));
        Assert.Empty(twilio.Violations);
    }

    [Fact]
    public async Task Retries_stop_after_the_maximum_attempts()
    {
        var (twilio, app) = await StartAsync(new() { ["Surveys:Sms:MaxAttempts"] = "3" });
        await using var _ = twilio;
        await using var __ = app;
        twilio.Fail = _ => (503, 20503);
        var contact = await app.ContactAsync(await app.NeighborhoodAsync(), Midday.AddHours(-3), SmsApp.UniquePhone());
        for (var i = 0; i < 6; i++)
        {
            await app.DispatchAsync();
            app.Clock.Advance(TimeSpan.FromMinutes(30));
        }
        var row = await app.RowAsync(contact.ContactId);
        Assert.Equal(("failed", 3L), (row.SmsStatus, row.SmsAttempts));
        Assert.Contains("gave up after 3 attempts", row.SmsError);
        Assert.Equal(["retry", "retry", "failed"], await app.EventsAsync(contact.ContactId));
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_retried_and_an_unsubscribed_recipient_is_opted_out()
    {
        var (twilio, app) = await StartAsync();
        await using var _ = twilio;
        await using var __ = app;
        var nb = await app.NeighborhoodAsync();
        twilio.Fail = n => n == 1 ? (400, 21211) : (400, 21610); // invalid 'To' number, then unsubscribed recipient
        var (invalid, unsubscribed) = (SmsApp.UniquePhone(), SmsApp.UniquePhone());
        var first = await app.ContactAsync(nb, Midday.AddHours(-3), invalid);
        await app.DispatchAsync();
        var second = await app.ContactAsync(nb, Midday.AddHours(-3), unsubscribed);
        await app.DispatchAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.DispatchAsync();

        var row = await app.RowAsync(first.ContactId);
        Assert.Equal(("failed", 1L, "HTTP 400, provider error 21211"), (row.SmsStatus, row.SmsAttempts, row.SmsError));
        Assert.DoesNotContain(invalid, row.SmsError); // Twilio's error text names the number; it is not kept
        Assert.Equal("failed", (await app.RowAsync(second.ContactId)).SmsStatus);
        Assert.Equal(ContactStatus.OptedOut, (await app.ContactAsync(nb, Midday, unsubscribed)).Status);
        Assert.Equal(ContactStatus.Invited, (await app.ContactAsync(nb, Midday, SmsApp.UniquePhone())).Status);
    }
}
