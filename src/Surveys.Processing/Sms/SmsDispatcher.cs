using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Security;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Processing.Sms;

/// <summary>
/// One scheduler tick: upkeep, then (outside quiet hours) claim the contacts whose delay has
/// passed, within the per-minute budget, and send each its invitation. The number is decrypted
/// only for the send itself; the outcome and the provider's message SID go on the contact.
/// </summary>
public sealed class SmsDispatcher(Db db, ISmsSender sender, PhoneProtector phones, TokenCodec tokens, LinkBase links,
    TimeProvider time, IOptions<SurveysOptions> options, FollowUps.FollowUpTexts followUps, TextCatalog texts, ILogger<SmsDispatcher> logger)
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    bool _warnedNoLinks;

    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Returns how many invitations the provider accepted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken stopping = default)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var upkeep = await SmsMaintenance.RunAsync(db, now, o, stopping);
        if (upkeep != new SmsMaintenance.Counts(0, 0, 0))
            logger.LogInformation("SMS upkeep: {Interrupted} interrupted sends settled, {Skipped} invitations skipped, {Erased} phone numbers erased",
                upkeep.Interrupted, upkeep.Skipped, upkeep.Erased);
        if (QuietHours.Contains(now, o.Zone, o.Sms.QuietHours)) return 0;
        // Follow-up texts need no survey link: they go out even while invitations are held.
        var sent = await followUps.RunOnceAsync(WorkerId, o, stopping);

        var baseUrl = links.Resolve();
        if (baseUrl is null && !o.Sms.ReplySurvey)
        {
            if (!_warnedNoLinks) logger.LogWarning("SMS invitations are held: set Surveys:PublicBaseUrl so survey links can be built");
            _warnedNoLinks = true;
            return sent;
        }

        foreach (var contact in await DispatchSql.ClaimAsync(db, WorkerId, now, o.Sms, o.Sms.BatchSize, stopping))
        {
            // Stopping: hand back what was claimed but not attempted; an attempt under way finishes.
            if (stopping.IsCancellationRequested) await DispatchSql.ReleaseAsync(db, WorkerId, contact.Id, CancellationToken.None);
            else if (await SendAsync(contact, baseUrl)) sent++;
        }
        return sent;
    }

    async Task<bool> SendAsync(DispatchSql.Claimed c, string? baseUrl)
    {
        var o = options.Value;
        if (await OptedOutAsync(c.PhoneHash))
        {
            await DispatchSql.RecordAsync(db, WorkerId, c.Id, new("skipped", null, null, null, null, "phone opted out"), time.GetUtcNow(), CancellationToken.None);
            return false;
        }
        var mode = o.Sms.ReplySurvey ? "reply" : "link";
        var body = o.Sms.ReplySurvey
            ? SmsText.ReplyInvitation(c.Language, o.AgencyName, texts)
            : SmsText.Invitation(c.Language, o.AgencyName, $"{baseUrl}/s/{tokens.Encode(c.TokenId, DateTimeOffset.FromUnixTimeMilliseconds(c.ExpiresAt))}", texts);
        var callback = baseUrl is null || string.Equals(o.Sms.Provider, "Outbox", StringComparison.OrdinalIgnoreCase) ? null : $"{baseUrl}/sms/status";

        SmsSendResult result;
        try { result = await sender.SendAsync(new SmsMessage(phones.Decrypt(c.PhoneEnc), body, callback), CancellationToken.None); }
        catch (DbException e) { result = new SmsSendResult(SmsOutcome.RetryLater, Error: $"outbox unavailable ({e.GetType().Name})"); }
        catch (Exception e) { result = new SmsSendResult(SmsOutcome.Unknown, Error: $"sender failed ({e.GetType().Name})"); }

        var now = time.GetUtcNow();
        var outcome = result.Outcome switch
        {
            SmsOutcome.Sent => new DispatchSql.Outcome("sent", mode, result.Sid, now.ToUnixTimeMilliseconds(), null, null),
            SmsOutcome.RetryLater when c.Attempts < o.Sms.MaxAttempts =>
                new DispatchSql.Outcome("retry", null, null, null, now.Add(Backoff(c.Attempts)).ToUnixTimeMilliseconds(), result.Error),
            SmsOutcome.RetryLater => new DispatchSql.Outcome("failed", null, null, null, null, $"{result.Error}; gave up after {c.Attempts} attempts"),
            SmsOutcome.Failed => new DispatchSql.Outcome("failed", null, null, null, null, result.Error),
            _ => new DispatchSql.Outcome("unknown", null, null, null, null, $"{result.Error}; not resent"),
        };
        if (result.RecipientOptedOut) await RecordOptOutAsync(c.PhoneHash, now);
        await DispatchSql.RecordAsync(db, WorkerId, c.Id, outcome, now, CancellationToken.None);
        if (result.Outcome == SmsOutcome.Sent) Surveys.Hosting.Telemetry.SmsSent.Add(1, new KeyValuePair<string, object?>("mode", mode));
        logger.LogInformation("SMS invitation for contact {ContactId}: {Status} (attempt {Attempt}) {MessageSid} {Error}",
            c.Id, outcome.Status, c.Attempts, result.Sid, result.Error);
        return result.Outcome == SmsOutcome.Sent;
    }

    TimeSpan Backoff(int attempts)
    {
        var backoff = options.Value.Sms.RetryBackoff * Math.Pow(2, Math.Min(attempts - 1, 20));
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    async Task<bool> OptedOutAsync(string phoneHash)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM opt_outs WHERE phone_hash = @PhoneHash", new { PhoneHash = phoneHash }) > 0;
    }

    // The provider says the recipient unsubscribed (e.g. texted STOP to the carrier): honour it here too.
    async Task RecordOptOutAsync(string phoneHash, DateTimeOffset now)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO opt_outs (phone_hash, created_at) VALUES (@PhoneHash, @Now) ON CONFLICT (phone_hash) DO NOTHING",
            new { PhoneHash = phoneHash, Now = now.ToUnixTimeMilliseconds() });
    }
}
