using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Hosting;

namespace Surveys.Api.Users;

/// <summary>
/// API keys that administrators create and revoke in the console, next to the configured ones. The
/// key is shown once; the database keeps only its SHA-256 digest (a random 192-bit key needs no
/// slow hash) and a short prefix to tell keys apart.
/// </summary>
public static class StoredApiKeys
{
    public sealed record KeyRow(string Id, string Name, string KeyPrefix, string Roles, string CreatedBy, long CreatedAt, string? RevokedBy, long? RevokedAt);

    /// <summary>Called by <see cref="ApiKeyHandler"/> when no configured key matched.</summary>
    public static async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, byte[] presentedDigest, string scheme)
    {
        // Before the schema is current the table may not exist; only configured keys work then.
        if (!context.RequestServices.GetRequiredService<SchemaGate>().IsOpen) return AuthenticateResult.Fail("unknown API key");
        await using var connection = await context.RequestServices.GetRequiredService<Db>().OpenAsync(context.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string Roles)>(
            "SELECT name, roles FROM api_keys WHERE key_hash = @Hash AND revoked_at IS NULL", new { Hash = Convert.ToHexStringLower(presentedDigest) });
        if (row.Name is null) return AuthenticateResult.Fail("unknown API key");
        var claims = new List<Claim> { new(ClaimTypes.Name, row.Name) };
        claims.AddRange(StaffRoles.Split(row.Roles).Select(r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, scheme)), scheme));
    }

    /// <summary>Creates a key and returns it (the only time it exists in clear); null when the name is taken.</summary>
    public static async Task<string?> CreateAsync(DbConnection db, DbTransaction? tx, string name, IEnumerable<string> roles, string createdBy, DateTimeOffset now)
    {
        var key = "sk_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        const string sql = """
            INSERT INTO api_keys (id, name, key_hash, key_prefix, roles, created_by, created_at)
            VALUES (@Id, @Name, @Hash, @Prefix, @Roles, @CreatedBy, @Now)
            ON CONFLICT (name) DO NOTHING
            """;
        var inserted = await db.ExecuteAsync(sql, new
        {
            Id = Guid.CreateVersion7().ToString(), Name = name.Trim(), Hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))),
            Prefix = key[..7], Roles = StaffRoles.Join(roles), CreatedBy = createdBy, Now = now.ToUnixTimeMilliseconds(),
        }, tx);
        return inserted == 1 ? key : null;
    }

    public static Task<int> RevokeAsync(DbConnection db, DbTransaction? tx, string id, string revokedBy, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE api_keys SET revoked_at = @Now, revoked_by = @By WHERE id = @Id AND revoked_at IS NULL",
            new { Id = id, By = revokedBy, Now = now.ToUnixTimeMilliseconds() }, tx);

    public static async Task<List<KeyRow>> ListAsync(DbConnection db) =>
        (await db.QueryAsync<KeyRow>("""
            SELECT id, name, key_prefix AS KeyPrefix, roles, created_by AS CreatedBy, created_at AS CreatedAt, revoked_by AS RevokedBy, revoked_at AS RevokedAt
            FROM api_keys ORDER BY revoked_at IS NOT NULL, name
            """)).ToList();
}
