using Surveys.Api.Contacts;
using Dapper;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Tests.Sms;

public sealed class RetentionTests
{
    [Fact]
    public async Task The_encrypted_phone_is_erased_30_days_after_the_survey_closes_and_opt_outs_still_hold()
    {
        var now = new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
        await using var app = await SmsApp.StartAsync(now);
        var nb = await app.NeighborhoodAsync();
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(nb, now.AddHours(-3), phone);
        await app.DispatchAsync();
        Assert.Single(await app.OutboxAsync(phone));
        Assert.NotNull(await app.TextAsync(phone, "STOP"));

        // The link expires after 14 days (Surveys:TokenLifetimeDays); the number is kept 30 more.
        app.Clock.Now = now.AddDays(14 + 30).AddMinutes(-1);
        await app.DispatchAsync();
        Assert.NotNull((await app.RowAsync(contact.ContactId)).PhoneEnc);
        app.Clock.Now = now.AddDays(14 + 30).AddMinutes(1);
        await app.DispatchAsync();

        var row = await app.RowAsync(contact.ContactId);
        Assert.Null(row.PhoneEnc);
        Assert.False(string.IsNullOrEmpty(row.PhoneHash));
        await using (var connection = await app.Service<Db>().OpenAsync())
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sms_outbox WHERE to_enc IS NOT NULL"));
        Assert.Equal(ContactStatus.OptedOut, (await app.ContactAsync(nb, app.Clock.Now, phone)).Status);
    }
}
