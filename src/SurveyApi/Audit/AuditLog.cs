using System.Data.Common;
using System.Security.Claims;
using Dapper;

namespace Surveys.Api.Audit;

/// <summary>
/// The append-only audit log: who (actor and how they signed in), what (action, target), when,
/// from where (client address) and the outcome. Rows are only ever inserted; the database rejects
/// updates and deletes (migration 0002). Details name ids and statuses, never a resident's words.
/// </summary>
public static class AuditLog
{
    public const string Success = "success", Failure = "failure", Denied = "denied", NotFound = "not-found", Rejected = "rejected";

    public sealed record Entry(string Actor, string ActorKind, string Action, string? Target, string Outcome, string? Ip, string? Detail);

    public sealed record Row(long Id, long At, string Actor, string ActorKind, string Action, string? Target, string Outcome, string? Ip, string? Detail)
    {
        public DateTimeOffset When => DateTimeOffset.FromUnixTimeMilliseconds(At);
    }

    const string InsertSql = """
        INSERT INTO audit_log (at, actor, actor_kind, action, target, outcome, ip, detail)
        VALUES (@At, @Actor, @ActorKind, @Action, @Target, @Outcome, @Ip, @Detail)
        """;

    /// <summary>Every text is bounded here, whoever builds the entry: a caller-chosen 8,000-character target must not bloat the log.</summary>
    public static Task WriteAsync(DbConnection db, DbTransaction? tx, Entry e, DateTimeOffset now) =>
        db.ExecuteAsync(InsertSql, new
        {
            At = now.ToUnixTimeMilliseconds(), Actor = Clip(e.Actor, MaxName), ActorKind = Clip(e.ActorKind, MaxName), Action = Clip(e.Action, MaxName),
            Target = Clip(e.Target, MaxTarget), e.Outcome, Ip = Clip(e.Ip, MaxName), Detail = Clip(e.Detail, MaxDetail),
        }, tx);

    public const int MaxName = 200, MaxTarget = 300, MaxDetail = 500;

    /// <summary>An entry for the signed-in caller of this request.</summary>
    public static Entry For(HttpContext context, string action, string? target, string outcome, string? detail = null) =>
        new(Actor(context.User), ActorKind(context.User), action, target, outcome, Ip(context), detail);

    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>api-key, console or bearer: how the actor proved who they are.</summary>
    public static string ActorKind(ClaimsPrincipal user) => user.Identity?.AuthenticationType switch
    {
        null => "anonymous",
        "ApiKey" => "api-key",
        var kind => kind.ToLowerInvariant(),
    };

    public static string? Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    // Clipped text says so (…), so a reader knows the log holds less than was presented.
    static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var keep = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1; // never half a surrogate pair
        return text[..keep] + "\u2026";
    }

    /// <summary>Newest first; pass the smallest id seen as <paramref name="before"/> for the next page.</summary>
    public static async Task<List<Row>> PageAsync(DbConnection db, long? before, int limit, string? action, string? actor, string? target)
    {
        const string sql = """
            SELECT id, at, actor, actor_kind AS ActorKind, action, target, outcome, ip, detail FROM audit_log
            WHERE (@Before IS NULL OR id < @Before) AND (@Action IS NULL OR action = @Action)
              AND (@Actor IS NULL OR actor = @Actor) AND (@Target IS NULL OR target = @Target)
            ORDER BY id DESC LIMIT @Limit
            """;
        return (await db.QueryAsync<Row>(sql, new { Before = before, Action = action, Actor = actor, Target = target, Limit = limit })).ToList();
    }
}
