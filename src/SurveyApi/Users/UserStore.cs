using System.Data.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Surveys.Api.Users;

/// <summary>
/// Local staff accounts: ASP.NET Core's password hasher (PBKDF2), lockout after
/// <see cref="MaxFailures"/> failures for <see cref="LockoutMinutes"/> minutes. Any change to a
/// user's roles, password or active flag renews the security stamp, which ends their open sessions.
/// </summary>
public static partial class UserStore
{
    public const int MaxFailures = 5, LockoutMinutes = 10, MinPasswordLength = 12, MaxPasswordLength = 256;

    public sealed class StaffUser
    {
        public string Id { get; set; } = "";
        public string Username { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public string Roles { get; set; } = "";
        public bool Active { get; set; }
        public long? LockedUntil { get; set; }
        public string SecurityStamp { get; set; } = "";
        public long? LastSignIn { get; set; }
    }

    public enum SignInResult { Success, Failed, LockedOut, Inactive }

    static readonly PasswordHasher<StaffUser> Hasher = new();
    // Verified against when the username is unknown, so a miss costs the same time as a hit.
    static readonly string DummyHash = Hasher.HashPassword(new StaffUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    const string Columns = """
        id, username, display_name AS DisplayName, password_hash AS PasswordHash, roles, active,
        locked_until AS LockedUntil, security_stamp AS SecurityStamp, last_sign_in AS LastSignIn
        """;

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public static bool ValidUsername(string username) => Username().IsMatch(username.Trim());

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@-]{0,99}\z")] private static partial Regex Username();

    public static string? PasswordProblem(string? password, string username)
    {
        if (password is null || password.Length < MinPasswordLength) return $"must be at least {MinPasswordLength} characters.";
        if (password.Length > MaxPasswordLength) return $"must be at most {MaxPasswordLength} characters.";
        if (password.Contains(username.Trim(), StringComparison.OrdinalIgnoreCase)) return "must not contain the username.";
        return null;
    }

    public static async Task<StaffUser?> FindAsync(DbConnection db, string username, DbTransaction? tx = null) =>
        await db.QuerySingleOrDefaultAsync<StaffUser>($"SELECT {Columns} FROM users WHERE username = @Username", new { Username = Normalize(username) }, tx);

    public static async Task<StaffUser?> FindByIdAsync(DbConnection db, string id) =>
        await db.QuerySingleOrDefaultAsync<StaffUser>($"SELECT {Columns} FROM users WHERE id = @Id", new { Id = id });

    public static async Task<List<StaffUser>> ListAsync(DbConnection db) =>
        (await db.QueryAsync<StaffUser>($"SELECT {Columns} FROM users ORDER BY username")).ToList();

    /// <summary>False when the username is taken.</summary>
    public static async Task<bool> CreateAsync(DbConnection db, DbTransaction? tx, string username, string displayName, string password,
        IEnumerable<string> roles, DateTimeOffset now)
    {
        const string sql = """
            INSERT INTO users (id, username, display_name, password_hash, roles, active, failed_count, security_stamp, created_at, updated_at)
            VALUES (@Id, @Username, @DisplayName, @PasswordHash, @Roles, TRUE, 0, @Stamp, @Now, @Now)
            ON CONFLICT (username) DO NOTHING
            """;
        return await db.ExecuteAsync(sql, new
        {
            Id = Guid.CreateVersion7().ToString(), Username = Normalize(username), DisplayName = displayName.Trim(),
            PasswordHash = Hasher.HashPassword(new StaffUser(), password), Roles = StaffRoles.Join(roles), Stamp = NewStamp(),
            Now = now.ToUnixTimeMilliseconds(),
        }, tx) == 1;
    }

    public static Task<int> SetRolesAsync(DbConnection db, DbTransaction? tx, string id, IEnumerable<string> roles, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE users SET roles = @Roles, security_stamp = @Stamp, updated_at = @Now WHERE id = @Id",
            new { Id = id, Roles = StaffRoles.Join(roles), Stamp = NewStamp(), Now = now.ToUnixTimeMilliseconds() }, tx);

    public static Task<int> SetPasswordAsync(DbConnection db, DbTransaction? tx, string id, string password, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE users SET password_hash = @Hash, security_stamp = @Stamp, failed_count = 0, locked_until = NULL, updated_at = @Now WHERE id = @Id",
            new { Id = id, Hash = Hasher.HashPassword(new StaffUser(), password), Stamp = NewStamp(), Now = now.ToUnixTimeMilliseconds() }, tx);

    public static Task<int> SetActiveAsync(DbConnection db, DbTransaction? tx, string id, bool active, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE users SET active = @Active, security_stamp = @Stamp, updated_at = @Now WHERE id = @Id",
            new { Id = id, Active = active, Stamp = NewStamp(), Now = now.ToUnixTimeMilliseconds() }, tx);

    public static Task<int> UnlockAsync(DbConnection db, DbTransaction? tx, string id, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE users SET failed_count = 0, locked_until = NULL, updated_at = @Now WHERE id = @Id",
            new { Id = id, Now = now.ToUnixTimeMilliseconds() }, tx);

    /// <summary>Checks a password with lockout. A locked account is refused even with the right password.</summary>
    public static async Task<(SignInResult Result, StaffUser? User)> SignInAsync(DbConnection db, string username, string password, DateTimeOffset now)
    {
        var user = await FindAsync(db, username);
        if (user is null)
        {
            SpendOneHash(password);
            return (SignInResult.Failed, null);
        }
        var at = now.ToUnixTimeMilliseconds();
        // Equal work: a locked account still costs one hash, or its fast answer would confirm the username.
        if (user.LockedUntil > at)
        {
            SpendOneHash(password);
            return (SignInResult.LockedOut, user);
        }
        var verified = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            // One statement, so concurrent failures still add up to a lockout; the count restarts after it.
            const string failSql = """
                UPDATE users SET failed_count = CASE WHEN failed_count + 1 >= @Max THEN 0 ELSE failed_count + 1 END,
                    locked_until = CASE WHEN failed_count + 1 >= @Max THEN @LockedUntil ELSE locked_until END
                WHERE id = @Id RETURNING locked_until
                """;
            var lockedUntil = await db.ExecuteScalarAsync<long?>(failSql, new { user.Id, Max = MaxFailures, LockedUntil = now.AddMinutes(LockoutMinutes).ToUnixTimeMilliseconds() });
            return (lockedUntil > at ? SignInResult.LockedOut : SignInResult.Failed, user);
        }
        if (!user.Active) return (SignInResult.Inactive, user);
        var rehash = verified == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(user, password) : user.PasswordHash;
        await db.ExecuteAsync("UPDATE users SET failed_count = 0, locked_until = NULL, last_sign_in = @Now, password_hash = @Hash WHERE id = @Id",
            new { user.Id, Now = at, Hash = rehash });
        return (SignInResult.Success, user);
    }

    /// <summary>
    /// One password verification against a throwaway hash: every failing sign-in path costs exactly
    /// what checking a real password costs, so timing tells no username apart.
    /// </summary>
    public static void SpendOneHash(string password) => Hasher.VerifyHashedPassword(new StaffUser(), DummyHash, password);

    static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
