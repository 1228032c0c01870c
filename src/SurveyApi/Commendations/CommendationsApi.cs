using System.Security.Claims;
using Surveys.Api.Audit;
using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.Commendations;

/// <summary>
/// Commendations per officer, for supervisors: chiefs and administrators city-wide, a lieutenant
/// for the contacts in their own neighborhood(s).
/// </summary>
public static class CommendationsApi
{
    public sealed record CommendationView(string ResponseId, DateTimeOffset Created, string Month, string Neighborhood, string ContactType,
        int Overall, string? Comment);
    public sealed record OfficerCommendations(string Badge, string? Name, int Count, List<CommendationView> Items);

    public static void MapCommendations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/commendations", Counts).WithTags("Commendations").RequireAuthorization(AccessPolicies.Figures);
        app.MapGet("/api/v1/officers/{badge}/commendations", ForOfficer).WithTags("Commendations").RequireAuthorization(AccessPolicies.Figures);
    }

    /// <summary>Null for chiefs and administrators (every neighborhood), else the lieutenant's own.</summary>
    public static string[]? Scope(ClaimsPrincipal user) => Roles.SeesAllNeighborhoods(user) ? null : FlagWorkflow.LieutenantOf(user);

    static async Task<IResult> Counts(string? month, ClaimsPrincipal user, Db db)
    {
        if (month is not null && !Months.TryParse(month, out _)) return BadMonth();
        await using var connection = await db.OpenAsync();
        return TypedResults.Ok(await CommendationQueries.CountsAsync(connection, month, Scope(user)));
    }

    static async Task<IResult> ForOfficer(string badge, string? month, HttpContext context, Db db, TimeProvider time)
    {
        if (month is not null && !Months.TryParse(month, out _)) return BadMonth();
        await using var connection = await db.OpenAsync();
        var name = await CommendationQueries.OfficerNameAsync(connection, badge);
        if (name is null) return Problems.NotFound($"No officer with badge '{badge}'.");
        var items = await CommendationQueries.ForOfficerAsync(connection, badge, month, Scope(context.User));
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, "commendations.read", badge, AuditLog.Success, $"{items.Count} item(s)"), time.GetUtcNow());
        return TypedResults.Json(new OfficerCommendations(badge, name, items.Count, items.Select(i => new CommendationView(i.ResponseId,
            DateTimeOffset.FromUnixTimeMilliseconds(i.CreatedAt), i.Month, i.Neighborhood, i.ContactType, i.Overall, i.SharedComment)).ToList()), FlagsApi.Escaped);
    }

    static IResult BadMonth() => Problems.Invalid(new FieldErrors { { "month", Months.Problem } });
}
