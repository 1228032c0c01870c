using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;

namespace Surveys.Api.Users;

/// <summary>
/// Console sessions kept on the server (migration 0009). The cookie names a session; a session
/// that was ended (sign-out, sign out everywhere) or idle past <see cref="StaffAuth.IdleTimeout"/>
/// no longer signs anyone in, whoever still holds a copy of the cookie.
/// </summary>
public static class StaffSessions
{
    // Refreshing last_seen_at on every request would be a write per page view; a minute is plenty
    // of precision for a 30-minute idle timeout.
    static readonly long TouchAfterMs = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    public static async Task<string> StartAsync(DbConnection db, string userId, DateTimeOffset now)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await db.ExecuteAsync("INSERT INTO staff_sessions (id, user_id, created_at, last_seen_at) VALUES (@Id, @UserId, @Now, @Now)",
            new { Id = id, UserId = userId, Now = now.ToUnixTimeMilliseconds() });
        return id;
    }

    /// <summary>The session's user when the session is open and not idle too long; null otherwise.</summary>
    public static async Task<UserStore.StaffUser?> UserOfAsync(DbConnection db, string sessionId, DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds();
        const string sql = """
            SELECT s.last_seen_at, s.user_id FROM staff_sessions s
            WHERE s.id = @Id AND s.ended_at IS NULL AND s.last_seen_at > @IdleSince
            """;
        var session = await db.QuerySingleOrDefaultAsync<(long LastSeen, string UserId)>(sql,
            new { Id = sessionId, IdleSince = at - (long)StaffAuth.IdleTimeout.TotalMilliseconds });
        if (session.UserId is null) return null;
        if (at - session.LastSeen > TouchAfterMs)
            await db.ExecuteAsync("UPDATE staff_sessions SET last_seen_at = @Now WHERE id = @Id AND ended_at IS NULL", new { Id = sessionId, Now = at });
        return await UserStore.FindByIdAsync(db, session.UserId);
    }

    public static Task<int> EndAsync(DbConnection db, string sessionId, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE staff_sessions SET ended_at = @Now WHERE id = @Id AND ended_at IS NULL",
            new { Id = sessionId, Now = now.ToUnixTimeMilliseconds() });

    /// <summary>Ends every open session of the user (sign out everywhere, password or role change).</summary>
    public static Task<int> EndAllAsync(DbConnection db, DbTransaction? tx, string userId, DateTimeOffset now) =>
        db.ExecuteAsync("UPDATE staff_sessions SET ended_at = @Now WHERE user_id = @UserId AND ended_at IS NULL",
            new { UserId = userId, Now = now.ToUnixTimeMilliseconds() }, tx);
}
