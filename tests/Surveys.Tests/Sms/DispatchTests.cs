using Surveys.Api.Contacts;
using Dapper;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Tests.Sms;

/// <summary>The scheduler on a controlled clock, with the Outbox provider (Embedded mode's default).</summary>
public sealed class DispatchTests
{
    // Wednesday 10 June 2026, 11:00 in New York: daytime, no daylight-saving change near.
    static readonly DateTimeOffset Midday = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invitation_waits_for_the_delay_after_the_contact_then_goes_out_once_with_the_link()
    {
        await using var app = await SmsApp.StartAsync(Midday);
        var nb = await app.NeighborhoodAsync();
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(nb, Midday.AddHours(-1), phone);

        await app.DispatchAsync();
        Assert.Empty(await app.OutboxAsync(phone));
        app.Clock.Advance(TimeSpan.FromMinutes(59)); // 1 h 59 min after the contact
        await app.DispatchAsync();
        Assert.Empty(await app.OutboxAsync(phone));
        Assert.Null((await app.RowAsync(contact.ContactId)).SmsStatus);

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the default delay, 2 h, has passed
        await app.DispatchAsync();
        await app.DispatchAsync();
        var body = Assert.Single(await app.OutboxAsync(phone));
        Assert.StartsWith("Eastham Police: ", body);
        Assert.Contains(contact.SurveyUrl!, body);
        Assert.StartsWith(SmsApp.PublicBaseUrl + "/s/", contact.SurveyUrl);
        var row = await app.RowAsync(contact.ContactId);
        Assert.Equal("sent", row.SmsStatus);
        Assert.Equal("link", row.SmsMode);
        Assert.StartsWith("OB", row.SmsSid);
        Assert.Equal(["sent"], await app.EventsAsync(contact.ContactId));
    }

    [Fact]
    public async Task Spanish_contacts_get_the_Spanish_invitation()
    {
        await using var app = await SmsApp.StartAsync(Midday);
        var phone = SmsApp.UniquePhone();
        await app.ContactAsync(await app.NeighborhoodAsync(), Midday.AddHours(-3), phone, language: "es");
        await app.DispatchAsync();
        var body = Assert.Single(await app.OutboxAsync(phone));
        Assert.Contains("¿Cómo lo atendimos?", body); // accents kept: it goes as UCS-2
        Assert.Contains("Responda STOP", body);
    }

    [Fact]
    public async Task Contacts_older_than_the_maximum_age_are_never_sent_and_say_why()
    {
        await using var app = await SmsApp.StartAsync(Midday);
        var nb = await app.NeighborhoodAsync();
        var (old, recent) = (SmsApp.UniquePhone(), SmsApp.UniquePhone());
        var stale = await app.ContactAsync(nb, Midday.AddDays(-3).AddMinutes(-1), old);
        await app.ContactAsync(nb, Midday.AddDays(-3).AddMinutes(1), recent);
        await app.DispatchAsync();
        Assert.Empty(await app.OutboxAsync(old));
        Assert.Single(await app.OutboxAsync(recent));
        var row = await app.RowAsync(stale.ContactId);
        Assert.Equal("skipped", row.SmsStatus);
        Assert.Equal("too old to survey", row.SmsError);
        Assert.Equal(["skipped"], await app.EventsAsync(stale.ContactId));
    }

    [Fact]
    public async Task No_more_than_the_maximum_rate_goes_out_per_minute()
    {
        await using var app = await SmsApp.StartAsync(Midday, new() { ["Surveys:Sms:MaxPerMinute"] = "3" });
        var nb = await app.NeighborhoodAsync();
        for (var i = 0; i < 7; i++) await app.ContactAsync(nb, Midday.AddHours(-3).AddMinutes(i), SmsApp.UniquePhone());

        async Task<long> SentAsync()
        {
            await using var connection = await app.Service<Db>().OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sms_outbox");
        }
        await app.DispatchAsync();
        await app.DispatchAsync();
        Assert.Equal(3, await SentAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        await app.DispatchAsync();
        Assert.Equal(3, await SentAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await app.DispatchAsync();
        await app.DispatchAsync();
        Assert.Equal(6, await SentAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(1.1));
        await app.DispatchAsync();
        Assert.Equal(7, await SentAsync());
    }

    [Fact]
    public async Task An_opted_out_phone_is_never_texted()
    {
        await using var app = await SmsApp.StartAsync(Midday);
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(await app.NeighborhoodAsync(), Midday.AddHours(-1), phone);
        Assert.NotNull(await app.TextAsync(phone, "STOP")); // before its invitation is due
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.DispatchAsync();
        Assert.Empty(await app.OutboxAsync(phone));
        Assert.Equal("skipped", (await app.RowAsync(contact.ContactId)).SmsStatus);
        Assert.Equal("phone opted out", (await app.RowAsync(contact.ContactId)).SmsError);
        Assert.Equal(ContactStatus.OptedOut, (await app.ContactAsync(await app.NeighborhoodAsync(), Midday, phone)).Status);
    }
}
