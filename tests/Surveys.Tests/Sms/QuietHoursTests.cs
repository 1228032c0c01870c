namespace Surveys.Tests.Sms;

/// <summary>Quiet hours (default 20:00–08:00) read on the agency's wall clock, across daylight-saving changes.</summary>
public sealed class QuietHoursTests
{
    [Fact]
    public async Task Quiet_hours_hold_invitations_until_8_on_the_local_clock_after_daylight_saving_ends()
    {
        // Sunday 1 November 2026: New York falls back from EDT (UTC-4) to EST (UTC-5) at 02:00.
        var evening = new DateTimeOffset(2026, 11, 1, 2, 30, 0, TimeSpan.Zero); // 22:30 EDT on 31 October
        await using var app = await SmsApp.StartAsync(evening);
        var phone = SmsApp.UniquePhone();
        await app.ContactAsync(await app.NeighborhoodAsync(), evening.AddHours(-2), phone);

        foreach (var utc in new[] { "2026-11-01T02:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T12:00:00Z", "2026-11-01T12:59:00Z" })
        {
            // 12:00Z would be 08:00 under the summer offset; it is 07:00 EST: still quiet.
            app.Clock.Now = DateTimeOffset.Parse(utc);
            await app.DispatchAsync();
            Assert.Empty(await app.OutboxAsync(phone));
        }
        app.Clock.Now = DateTimeOffset.Parse("2026-11-01T13:00:00Z"); // 08:00 EST
        await app.DispatchAsync();
        Assert.Single(await app.OutboxAsync(phone));
    }

    [Fact]
    public async Task Quiet_hours_end_at_8_on_the_local_clock_after_daylight_saving_starts()
    {
        // Sunday 8 March 2026: New York springs forward from EST (UTC-5) to EDT (UTC-4) at 02:00.
        var night = new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.Zero); // 23:00 EST on 7 March
        await using var app = await SmsApp.StartAsync(night);
        var phone = SmsApp.UniquePhone();
        await app.ContactAsync(await app.NeighborhoodAsync(), night.AddHours(-3), phone);
        await app.DispatchAsync();
        app.Clock.Now = DateTimeOffset.Parse("2026-03-08T11:59:00Z"); // 07:59 EDT
        await app.DispatchAsync();
        Assert.Empty(await app.OutboxAsync(phone));
        app.Clock.Now = DateTimeOffset.Parse("2026-03-08T12:00:00Z"); // 08:00 EDT (07:00 under the winter offset)
        await app.DispatchAsync();
        Assert.Single(await app.OutboxAsync(phone));
    }

    [Fact]
    public async Task Quiet_hours_start_at_20_local_time()
    {
        var beforeEight = new DateTimeOffset(2026, 6, 10, 23, 59, 0, TimeSpan.Zero); // 19:59 EDT
        await using var app = await SmsApp.StartAsync(beforeEight);
        var nb = await app.NeighborhoodAsync();
        var (early, late) = (SmsApp.UniquePhone(), SmsApp.UniquePhone());
        await app.ContactAsync(nb, beforeEight.AddHours(-2), early);
        await app.ContactAsync(nb, beforeEight.AddHours(-2).AddMinutes(1), late); // due 20:00
        await app.DispatchAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
        Assert.Single(await app.OutboxAsync(early));
        Assert.Empty(await app.OutboxAsync(late));
        app.Clock.Now = new DateTimeOffset(2026, 6, 11, 12, 0, 0, TimeSpan.Zero); // 08:00 EDT next morning
        await app.DispatchAsync();
        Assert.Single(await app.OutboxAsync(late));
    }
}
