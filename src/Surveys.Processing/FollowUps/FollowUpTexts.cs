using System.Data.Common;
using Dapper;
using Surveys.Data;
using Surveys.Processing.Sms;
using Surveys.Security;
using Surveys.Texts;

namespace Surveys.Processing.FollowUps;

/// <summary>
/// Sends the follow-up texts waiting in follow_up_texts, from the SMS scheduler's tick (so quiet
/// hours and the provider are the invitations'). Each text is claimed atomically, so two workers
/// never send it twice; a claim that outlived ClaimTimeout is marked 'unknown' and never resent.
/// </summary>
public sealed class FollowUpTexts(Db db, ISmsSender sender, PhoneProtector phones, TimeProvider time, TextCatalog texts, ILogger<FollowUpTexts> logger)
{
    public sealed class Claimed
    {
        public string FollowUpId { get; set; } = "";
        public string Kind { get; set; } = "";
        public int Attempts { get; set; }
        public string Status { get; set; } = "";
        public string? Outcome { get; set; }
        public long DueAt { get; set; }
        public string? PhoneEnc { get; set; }
        public string PhoneHash { get; set; } = "";
        public string Language { get; set; } = "";
        public string? Lieutenant { get; set; }
        public bool OptedOut { get; set; }
    }

    const string InterruptedSql = """
        UPDATE follow_up_texts SET status = 'unknown', error = 'interrupted mid-send; not resent', claimed_until = NULL
        WHERE status = 'sending' AND claimed_until < @Now
        """;

    // Row values: both dialects accept (a, b) IN (SELECT a, b …). The outer status check makes a
    // concurrent claimer's row drop out (PostgreSQL re-evaluates it; SQLite holds the write lock).
    const string ClaimSql = """
        UPDATE follow_up_texts SET status = 'sending', claimed_by = @Worker, claimed_until = @Until, attempts = attempts + 1
        WHERE (follow_up_id, kind) IN (
            SELECT follow_up_id, kind FROM follow_up_texts WHERE status = 'pending' AND (next_at IS NULL OR next_at <= @Now)
            ORDER BY created_at, follow_up_id LIMIT @Limit)
          AND status = 'pending'
        RETURNING follow_up_id AS FollowUpId, kind, attempts
        """;

    const string DetailSql = """
        SELECT f.status, f.outcome, f.due_at AS DueAt, c.phone_enc AS PhoneEnc, c.phone_hash AS PhoneHash, c.language, n.lieutenant,
               EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone_hash = c.phone_hash) AS OptedOut
        FROM follow_ups f JOIN contacts c ON c.id = f.contact_id LEFT JOIN neighborhoods n ON n.code = f.neighborhood
        WHERE f.id = @Id
        """;

    const string RecordSql = """
        UPDATE follow_up_texts SET status = @Status, sid = @Sid, sent_at = @SentAt, next_at = @NextAt, error = @Error,
                                   claimed_by = NULL, claimed_until = NULL
        WHERE follow_up_id = @Id AND kind = @Kind AND claimed_by = @Worker AND status IN ('sending', 'unknown')
        """;

    /// <summary>Returns how many texts the provider accepted. The caller has checked quiet hours.</summary>
    public async Task<int> RunOnceAsync(string worker, SurveysOptions o, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        List<Claimed> claimed;
        await using (var connection = await db.OpenAsync(stopping))
        {
            await connection.ExecuteAsync(InterruptedSql, new { Now = now.ToUnixTimeMilliseconds() });
            claimed = (await connection.QueryAsync<Claimed>(ClaimSql, new
            {
                Worker = worker, Until = now.Add(o.Sms.ClaimTimeout).ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(), Limit = o.Sms.BatchSize,
            })).ToList();
            foreach (var c in claimed)
            {
                var d = await connection.QuerySingleAsync<Claimed>(DetailSql, new { Id = c.FollowUpId });
                (c.Status, c.Outcome, c.DueAt, c.PhoneEnc, c.PhoneHash, c.Language, c.Lieutenant, c.OptedOut) =
                    (d.Status, d.Outcome, d.DueAt, d.PhoneEnc, d.PhoneHash, d.Language, d.Lieutenant, d.OptedOut);
            }
        }
        var sent = 0;
        foreach (var c in claimed)
            if (await SendAsync(worker, c, o)) sent++;
        return sent;
    }

    async Task<bool> SendAsync(string worker, Claimed c, SurveysOptions o)
    {
        var now = time.GetUtcNow();
        var skip = c.OptedOut ? "phone opted out"
            : c.PhoneEnc is null ? "phone number no longer retained"
            : c.Kind == "opened" && c.Status == "closed" ? "request closed before the text went out"
            : c.Kind == "opened" && c.DueAt <= now.ToUnixTimeMilliseconds() ? "past due: the promise in the text no longer holds"
            : null;
        if (skip is not null) return await RecordAsync(worker, c, "skipped", null, skip, null);

        var body = c.Kind == "opened"
            ? FollowUpSms.Opened(c.Language, o.AgencyName, c.Lieutenant, o.FollowUp.Due, texts)
            : FollowUpSms.Closed(c.Language, o.AgencyName, c.Outcome ?? "resolved", texts);
        SmsSendResult result;
        try { result = await sender.SendAsync(new SmsMessage(phones.Decrypt(c.PhoneEnc!), body), CancellationToken.None); }
        catch (DbException e) { result = new SmsSendResult(SmsOutcome.RetryLater, Error: $"outbox unavailable ({e.GetType().Name})"); }
        catch (Exception e) { result = new SmsSendResult(SmsOutcome.Unknown, Error: $"sender failed ({e.GetType().Name})"); }

        if (result.RecipientOptedOut)
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync("INSERT INTO opt_outs (phone_hash, created_at) VALUES (@Hash, @Now) ON CONFLICT (phone_hash) DO NOTHING",
                new { Hash = c.PhoneHash, Now = now.ToUnixTimeMilliseconds() });
        }
        var retry = result.Outcome == SmsOutcome.RetryLater && c.Attempts < o.Sms.MaxAttempts;
        var status = result.Outcome switch
        {
            SmsOutcome.Sent => "sent",
            SmsOutcome.RetryLater when retry => "pending",
            SmsOutcome.Unknown => "unknown",
            _ => "failed",
        };
        long? nextAt = retry ? now.Add(o.Sms.RetryBackoff * Math.Pow(2, c.Attempts - 1)).ToUnixTimeMilliseconds() : null;
        await RecordAsync(worker, c, status, result.Sid, result.Error, nextAt);
        logger.LogInformation("Follow-up {FollowUpId} {Kind} text: {Status} {MessageSid} {Error}", c.FollowUpId, c.Kind, status, result.Sid, result.Error);
        return result.Outcome == SmsOutcome.Sent;
    }

    async Task<bool> RecordAsync(string worker, Claimed c, string status, string? sid, string? error, long? nextAt)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(RecordSql, new
        {
            Status = status, Sid = sid, SentAt = status == "sent" ? time.GetUtcNow().ToUnixTimeMilliseconds() : (long?)null, NextAt = nextAt,
            Error = error, Id = c.FollowUpId, c.Kind, Worker = worker,
        });
        return false;
    }
}
