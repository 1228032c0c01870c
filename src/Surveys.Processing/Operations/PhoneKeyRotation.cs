using Dapper;
using Surveys.Data;
using Surveys.Security;

namespace Surveys.Processing.Operations;

/// <summary>
/// `SurveyWorker reencrypt-phones`, the second step of rotating Surveys:Keys:PhoneEncryption:
/// with the new key as PhoneEncryption and the old one as PreviousPhoneEncryption, rewrites every
/// stored number (contacts and the SMS outbox) under the new key, in pages, each page in its own
/// transaction. Safe to re-run; afterwards PreviousPhoneEncryption can be removed.
/// </summary>
public static class PhoneKeyRotation
{
    const int Page = 500;

    // Every column that holds PhoneProtector ciphertext, with its table's key column. The names
    // are constants of ours, never input, so composing them into the SQL is safe.
    static readonly (string Table, string Key, string Column)[] Columns =
        [("contacts", "id", "phone_enc"), ("sms_outbox", "sid", "to_enc")];

    public static async Task<int> RunAsync(Db db, PhoneProtector phones, TextWriter output, CancellationToken ct = default)
    {
        var rewritten = 0;
        foreach (var (table, key, column) in Columns)
        {
            var after = "";
            while (true)
            {
                await using var connection = await db.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                var pageSql = $"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL AND {key} > @After ORDER BY {key} LIMIT @Page";
                var rows = (await connection.QueryAsync<(string Id, string Enc)>(pageSql, new { After = after, Page }, tx)).ToList();
                if (rows.Count == 0) break;
                foreach (var (id, stored) in rows.Where(r => !phones.IsCurrent(r.Enc)))
                {
                    await connection.ExecuteAsync($"UPDATE {table} SET {column} = @New WHERE {key} = @Id AND {column} = @Old",
                        new { New = phones.Encrypt(phones.Decrypt(stored)), Id = id, Old = stored }, tx);
                    rewritten++;
                }
                await tx.CommitAsync(ct);
                after = rows[^1].Id;
            }
        }
        await output.WriteLineAsync($"Re-encrypted {rewritten} stored phone number(s) under the current key.");
        return rewritten;
    }
}
