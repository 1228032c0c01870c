using Dapper;
using Surveys.Data;

namespace Surveys.Processing.Sms;

/// <summary>
/// The scheduler's upkeep on every tick: settle interrupted sends, close invitations that must
/// not go out any more, and erase phone numbers whose retention has run out.
/// </summary>
public static class SmsMaintenance
{
    public sealed record Counts(int Interrupted, int Skipped, int Erased);
    sealed record Settled(string Id, string? Error);

    // A claim that outlived ClaimTimeout belongs to a worker that stopped mid-send. Whether the
    // provider took that message cannot be known, so it is never resent: at most once, not twice.
    const string InterruptedSql = """
        UPDATE contacts SET sms_status = 'unknown', sms_error = 'interrupted mid-send; not resent', sms_claimed_until = NULL
        WHERE sms_status = 'sending' AND sms_claimed_until < @Now
        RETURNING id, sms_error AS Error
        """;

    const string SkipSql = """
        UPDATE contacts SET sms_status = 'skipped', sms_claimed_by = NULL, sms_error = CASE
                WHEN submitted_at IS NOT NULL THEN 'answered before the invitation went out'
                WHEN occurred_at <= @OldestAllowed OR expires_at <= @Now OR phone_enc IS NULL THEN 'too old to survey'
                ELSE 'phone opted out' END
        WHERE status = 'invited' AND (sms_status IS NULL OR sms_status = 'retry')
          AND (occurred_at <= @OldestAllowed OR expires_at <= @Now OR phone_enc IS NULL OR submitted_at IS NOT NULL
               OR EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone_hash = contacts.phone_hash))
        RETURNING id, sms_error AS Error
        """;

    // The keyed hash stays (opt-outs and suppression need it); the number itself goes.
    const string EraseContactsSql = "UPDATE contacts SET phone_enc = NULL WHERE phone_enc IS NOT NULL AND expires_at <= @Until";
    const string EraseOutboxSql = "UPDATE sms_outbox SET to_enc = NULL WHERE to_enc IS NOT NULL AND created_at <= @Until";

    public static async Task<Counts> RunAsync(Db db, DateTimeOffset now, SurveysOptions options, CancellationToken ct)
    {
        var sms = options.Sms;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var interrupted = (await connection.QueryAsync<Settled>(InterruptedSql, new { Now = now.ToUnixTimeMilliseconds() }, tx)).ToList();
        var skipped = (await connection.QueryAsync<Settled>(SkipSql, new
        {
            Now = now.ToUnixTimeMilliseconds(), OldestAllowed = now.Add(-sms.MaxContactAge).ToUnixTimeMilliseconds(),
        }, tx)).ToList();
        foreach (var s in interrupted) await DispatchSql.EventAsync(connection, tx, s.Id, now, "unknown", null, null, s.Error);
        foreach (var s in skipped) await DispatchSql.EventAsync(connection, tx, s.Id, now, "skipped", null, null, s.Error);

        var retention = TimeSpan.FromDays(sms.RetentionDays);
        var erased = await connection.ExecuteAsync(EraseContactsSql, new { Until = now.Add(-retention).ToUnixTimeMilliseconds() }, tx);
        // An outbox message's link lives as long as a token: the same retention counts from its expiry.
        await connection.ExecuteAsync(EraseOutboxSql,
            new { Until = now.Add(-retention).AddDays(-options.TokenLifetimeDays).ToUnixTimeMilliseconds() }, tx);
        await tx.CommitAsync(ct);
        return new Counts(interrupted.Count, skipped.Count, erased);
    }
}
