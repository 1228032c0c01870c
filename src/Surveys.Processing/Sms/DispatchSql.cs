using System.Data.Common;
using Dapper;
using Surveys.Data;

namespace Surveys.Processing.Sms;

/// <summary>
/// The scheduler's SQL: claim due contacts atomically (never twice, with any number of workers),
/// record each attempt's outcome on the contact, and log it in sms_events.
/// </summary>
public static class DispatchSql
{
    // Properties, not a positional record: Dapper converts SQLite's 64-bit integers for properties only.
    public sealed class Claimed
    {
        public string Id { get; set; } = "";
        public string PhoneEnc { get; set; } = "";
        public string PhoneHash { get; set; } = "";
        public string TokenId { get; set; } = "";
        public long ExpiresAt { get; set; }
        public string Language { get; set; } = "";
        public int Attempts { get; set; }
    }

    const long ClaimLockKey = 0x5375727665797302; // "Surveys\x02"

    // The pending predicate repeats the partial index's WHERE word for word, so it is used. The
    // outer row check is re-evaluated by PostgreSQL on a row another transaction just claimed, so
    // it alone would already stop a second claim; the claim lock (below) adds the shared budget.
    const string ClaimSql = """
        UPDATE contacts SET sms_status = 'sending', sms_claimed_by = @Worker, sms_claimed_until = @ClaimedUntil,
                            sms_attempted_at = @Now, sms_attempts = sms_attempts + 1
        WHERE id IN (
            SELECT c.id FROM contacts c
            WHERE c.status = 'invited' AND (c.sms_status IS NULL OR c.sms_status = 'retry')
              AND c.occurred_at <= @DueBefore AND c.occurred_at > @OldestAllowed
              AND (c.sms_next_at IS NULL OR c.sms_next_at <= @Now)
              AND c.submitted_at IS NULL AND c.phone_enc IS NOT NULL AND c.expires_at > @Now
              AND NOT EXISTS (SELECT 1 FROM opt_outs o WHERE o.phone_hash = c.phone_hash)
            ORDER BY c.occurred_at, c.id
            LIMIT @Limit)
          AND sms_claimed_by IS NULL AND (sms_status IS NULL OR sms_status = 'retry')
        RETURNING id, phone_enc AS PhoneEnc, phone_hash AS PhoneHash, token_id AS TokenId, expires_at AS ExpiresAt,
                  language, sms_attempts AS Attempts
        """;

    /// <summary>
    /// Claims up to <paramref name="batch"/> due contacts, within what the per-minute budget has left.
    /// Claimers take turns (PostgreSQL: a transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE
    /// holds the write lock), so the count of recent attempts and the claim see the same state and
    /// the budget holds across workers.
    /// </summary>
    public static async Task<List<Claimed>> ClaimAsync(Db db, string worker, DateTimeOffset now, SmsOptions sms, int batch, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(db.Sql("SELECT 1", "SELECT pg_advisory_xact_lock(@Key)"), new { Key = ClaimLockKey }, tx);
        var recent = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE sms_attempted_at > @Since",
            new { Since = now.AddMinutes(-1).ToUnixTimeMilliseconds() }, tx);
        var limit = (int)Math.Min(batch, sms.MaxPerMinute - recent);
        if (limit <= 0) return [];
        var claimed = (await connection.QueryAsync<Claimed>(ClaimSql, new
        {
            Worker = worker, ClaimedUntil = now.Add(sms.ClaimTimeout).ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(),
            DueBefore = now.Add(-sms.Delay).ToUnixTimeMilliseconds(), OldestAllowed = now.Add(-sms.MaxContactAge).ToUnixTimeMilliseconds(),
            Limit = limit,
        }, tx)).ToList();
        await tx.CommitAsync(ct);
        return claimed;
    }

    public sealed record Outcome(string Status, string? Mode, string? Sid, long? SentAt, long? NextAt, string? Error);

    /// <summary>Records an attempt's outcome, if this worker still holds the claim, with its event.</summary>
    public static async Task<bool> RecordAsync(Db db, string worker, string contactId, Outcome o, DateTimeOffset now, CancellationToken ct)
    {
        // 'unknown' too: a claim that outlived ClaimTimeout was marked so meanwhile, yet the sid belongs here.
        const string sql = """
            UPDATE contacts SET sms_status = @Status, sms_mode = COALESCE(@Mode, sms_mode), sms_sid = COALESCE(@Sid, sms_sid),
                                sms_sent_at = COALESCE(@SentAt, sms_sent_at), sms_next_at = @NextAt, sms_error = @Error,
                                sms_claimed_by = NULL, sms_claimed_until = NULL
            WHERE id = @Id AND sms_claimed_by = @Worker AND sms_status IN ('sending', 'unknown')
            """;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var updated = await connection.ExecuteAsync(sql, new { o.Status, o.Mode, o.Sid, o.SentAt, o.NextAt, o.Error, Id = contactId, Worker = worker }, tx);
        if (updated == 1) await EventAsync(connection, tx, contactId, now, o.Status, o.Sid, worker, o.Error);
        await tx.CommitAsync(ct);
        return updated == 1;
    }

    /// <summary>Gives back a claim that was never attempted (the host is stopping).</summary>
    public static async Task ReleaseAsync(Db db, string worker, string contactId, CancellationToken ct)
    {
        const string sql = """
            UPDATE contacts SET sms_status = CASE WHEN sms_attempts > 1 THEN 'retry' ELSE NULL END, sms_attempts = sms_attempts - 1,
                                sms_claimed_by = NULL, sms_claimed_until = NULL
            WHERE id = @Id AND sms_claimed_by = @Worker AND sms_status = 'sending'
            """;
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(sql, new { Id = contactId, Worker = worker });
    }

    public static Task EventAsync(DbConnection connection, DbTransaction? tx, string contactId, DateTimeOffset at, string kind,
        string? sid, string? worker, string? detail) =>
        connection.ExecuteAsync("""
            INSERT INTO sms_events (id, contact_id, at, kind, message_sid, worker, detail)
            VALUES (@Id, @ContactId, @At, @Kind, @Sid, @Worker, @Detail)
            """, new { Id = Guid.CreateVersion7().ToString(), ContactId = contactId, At = at.ToUnixTimeMilliseconds(), Kind = kind, Sid = sid, Worker = worker, Detail = detail }, tx);
}
