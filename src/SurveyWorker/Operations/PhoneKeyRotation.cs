using Dapper;
using Surveys.Data;
using Surveys.Security;

namespace Surveys.Worker.Operations;

/// <summary>
/// `SurveyWorker reencrypt-phones`, the second step of rotating Surveys:Keys:PhoneEncryption:
/// with the new key as PhoneEncryption and the old one as PreviousPhoneEncryption, rewrites every
/// stored number under the new key, in pages, each page in its own transaction. Safe to re-run;
/// afterwards PreviousPhoneEncryption can be removed.
/// </summary>
public static class PhoneKeyRotation
{
    const int Page = 500;

    public static async Task<int> RunAsync(Db db, PhoneProtector phones, TextWriter output, CancellationToken ct = default)
    {
        var rewritten = 0;
        var after = "";
        while (true)
        {
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            const string pageSql = """
                SELECT id, phone_enc AS PhoneEnc FROM contacts
                WHERE phone_enc IS NOT NULL AND id > @After ORDER BY id LIMIT @Page
                """;
            var rows = (await connection.QueryAsync<(string Id, string PhoneEnc)>(pageSql, new { After = after, Page }, tx)).ToList();
            if (rows.Count == 0) break;
            foreach (var (id, stored) in rows.Where(r => !phones.IsCurrent(r.PhoneEnc)))
            {
                await connection.ExecuteAsync("UPDATE contacts SET phone_enc = @New WHERE id = @Id AND phone_enc = @Old",
                    new { New = phones.Encrypt(phones.Decrypt(stored)), Id = id, Old = stored }, tx);
                rewritten++;
            }
            await tx.CommitAsync(ct);
            after = rows[^1].Id;
        }
        await output.WriteLineAsync($"Re-encrypted {rewritten} phone number(s) under the current key.");
        return rewritten;
    }
}
