using Dapper;
using Surveys.Data;

namespace Surveys.Api.Sms;

/// <summary>
/// The provider's status callbacks for an invitation (queued → sent → delivered, or undelivered /
/// failed). Callbacks can arrive out of order, so the contact's status only moves forward; every
/// callback lands in sms_events.
/// </summary>
public sealed class DeliveryStatus(Db db, TimeProvider time, ILogger<DeliveryStatus> logger)
{
    static int Rank(string? status) => status switch
    {
        null or "" => 0,
        "accepted" or "scheduled" or "queued" => 1,
        "sending" => 2,
        "sent" => 3,
        _ => 4, // delivered, undelivered, failed, read, canceled: final
    };

    public async Task RecordAsync(string? messageSid, string? status, string? errorCode)
    {
        status = status?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(messageSid) || string.IsNullOrEmpty(status) || status.Length > 32 || !status.All(c => char.IsAsciiLetterLower(c) || c == '_'))
            return;
        var code = errorCode is { Length: > 0 and <= 10 } && errorCode.All(char.IsAsciiDigit) ? errorCode : null;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, string? Delivery, string PhoneHash)>(
            "SELECT id, sms_delivery, phone_hash FROM contacts WHERE sms_sid = @Sid", new { Sid = messageSid }, tx);
        if (row.Id is null) return; // not an invitation of ours (a TwiML reply, another app on the number)
        if (Rank(status) > Rank(row.Delivery))
            await connection.ExecuteAsync("""
                UPDATE contacts SET sms_delivery = @Status, sms_delivery_at = @Now WHERE id = @Id AND COALESCE(sms_delivery, '') = @Previous
                """, new { Status = status, Now = now, row.Id, Previous = row.Delivery ?? "" }, tx);
        await connection.ExecuteAsync("""
            INSERT INTO sms_events (id, contact_id, at, kind, message_sid, worker, detail) VALUES (@Id, @ContactId, @Now, 'status', @Sid, NULL, @Detail)
            """, new { Id = Guid.CreateVersion7().ToString(), ContactId = row.Id, Now = now, Sid = messageSid, Detail = code is null ? status : $"{status}, error {code}" }, tx);
        // 21610: the recipient unsubscribed at the provider or carrier; honour it here too.
        if (code == "21610")
            await connection.ExecuteAsync("INSERT INTO opt_outs (phone_hash, created_at) VALUES (@PhoneHash, @Now) ON CONFLICT (phone_hash) DO NOTHING",
                new { row.PhoneHash, Now = now }, tx);
        await tx.CommitAsync();
        logger.LogInformation("SMS {MessageSid} for contact {ContactId}: {Status} {ErrorCode}", messageSid, row.Id, status, code);
    }
}
