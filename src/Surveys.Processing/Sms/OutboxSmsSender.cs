using Dapper;
using Surveys.Data;
using Surveys.Security;

using Surveys.Sms;

namespace Surveys.Processing.Sms;

/// <summary>
/// The provider of Embedded mode and of tests: nothing leaves, each message is recorded in
/// sms_outbox (the number encrypted as on contacts) where the console and the tests read it.
/// </summary>
public sealed class OutboxSmsSender(Db db, PhoneProtector phones, TimeProvider time) : ISmsSender
{
    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct = default)
    {
        var sid = "OB" + Guid.NewGuid().ToString("N");
        var size = SmsSegments.Measure(message.Body);
        const string sql = """
            INSERT INTO sms_outbox (sid, to_hash, to_enc, body, encoding, segments, created_at)
            VALUES (@Sid, @ToHash, @ToEnc, @Body, @Encoding, @Segments, @Now)
            """;
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            Sid = sid, ToHash = phones.Hash(message.To), ToEnc = phones.Encrypt(message.To), message.Body,
            Encoding = size.Encoding.ToString(), size.Segments, Now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, cancellationToken: ct));
        return new SmsSendResult(SmsOutcome.Sent, sid);
    }
}
