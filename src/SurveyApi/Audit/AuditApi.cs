using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.Audit;

public static class AuditApi
{
    public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string ActorKind, string Action, string? Target,
        string Outcome, string? Ip, string? Detail);

    public sealed record AuditPage(List<AuditEntry> Items, long? Next);

    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", List).WithTags("Audit").RequireAuthorization(AccessPolicies.Admin);

    /// <summary>Newest first, <paramref name="limit"/> at a time; <c>next</c> is the <c>before</c> of the following page.</summary>
    static async Task<IResult> List(long? before, int? limit, string? action, string? actor, string? target, Db db)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 500) errors.Add("limit", "must be from 1 to 500.");
        // PostgreSQL text cannot hold NUL: a filter with one would be a 500, not an empty page.
        foreach (var (name, value) in new[] { ("action", action), ("actor", actor), ("target", target) })
            if (value is not null && Validation.LineProblem(value) is { } problem) errors.Add(name, problem + ".");
        if (errors.Count > 0) return Problems.Invalid(errors);
        var size = limit ?? 100;
        await using var connection = await db.OpenAsync();
        var rows = await AuditLog.PageAsync(connection, before, size, Empty(action), Empty(actor), Empty(target));
        var items = rows.Select(r => new AuditEntry(r.Id, r.When, r.Actor, r.ActorKind, r.Action, r.Target, r.Outcome, r.Ip, r.Detail)).ToList();
        return TypedResults.Ok(new AuditPage(items, items.Count == size ? items[^1].Id : null));
    }

    static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
