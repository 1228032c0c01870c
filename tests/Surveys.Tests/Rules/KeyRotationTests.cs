using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Surveys.Data;
using Surveys.Security;
using Surveys.Processing.Operations;

namespace Surveys.Tests.Rules;

public sealed class KeyRotationTests
{
    static byte[] Key(byte seed) => Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Tokens_under_the_previous_mac_key_stay_valid_during_a_rotation()
    {
        var oldToken = new TokenCodec(Key(1)).Issue(DateTimeOffset.UtcNow.AddDays(3), out var id);
        Assert.True(new TokenCodec(Key(2), previousKey: Key(1)).TryDecode(oldToken, out var decoded));
        Assert.Equal(id, decoded.TokenId);
        Assert.False(new TokenCodec(Key(2)).TryDecode(oldToken, out _));
    }

    [Fact]
    public async Task Reencrypt_rewrites_every_stored_number_under_the_new_key()
    {
        var folder = Directory.CreateTempSubdirectory("surveys-rotation-").FullName;
        await using var db = new Db(DatabaseKind.Sqlite, $"Data Source={Path.Combine(folder, "s.db")}");
        await Migrator.ApplyAsync(db, NullLogger.Instance);
        var before = new PhoneProtector(Key(10), Key(30));
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO neighborhoods (code, name, updated_at) VALUES ('N', 'N', 0)");
            for (var i = 0; i < 1203; i++)
                await c.ExecuteAsync("""
                    INSERT INTO contacts (id, external_id, occurred_at, month, neighborhood, contact_type, language, status, phone_hash, phone_enc, created_at)
                    VALUES (@Id, @Id, 0, '2026-10', 'N', 't', 'en', 'invited', 'h', @Enc, 0)
                    """, new { Id = $"c{i:D5}", Enc = before.Encrypt($"+1555000{i:D4}") });
            await c.ExecuteAsync("""
                INSERT INTO sms_outbox (sid, to_hash, to_enc, body, encoding, segments, created_at)
                VALUES ('SM1', 'h', @Enc, 'hello', 'GSM-7', 1, 0)
                """, new { Enc = before.Encrypt("+15559990000") });
        }

        var during = new PhoneProtector(Key(20), Key(30), previousEncryptionKey: Key(10));
        Assert.Equal(1204, await PhoneKeyRotation.RunAsync(db, during, TextWriter.Null));
        Assert.Equal(0, await PhoneKeyRotation.RunAsync(db, during, TextWriter.Null)); // idempotent

        var after = new PhoneProtector(Key(20), Key(30));
        await using var check = await db.OpenAsync();
        var stored = (await check.QueryAsync<(string Id, string Enc)>("SELECT id, phone_enc FROM contacts ORDER BY id")).ToList();
        Assert.Equal("+15550000007", after.Decrypt(stored[7].Enc));
        Assert.All(stored, s => Assert.True(after.IsCurrent(s.Enc)));
        Assert.Equal("+15559990000", after.Decrypt(await check.ExecuteScalarAsync<string>("SELECT to_enc FROM sms_outbox") ?? ""));
    }
}
