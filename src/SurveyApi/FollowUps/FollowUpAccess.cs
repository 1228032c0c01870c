using System.Security.Claims;
using Surveys.Api.Hosting;

namespace Surveys.Api.FollowUps;

/// <summary>
/// Who works a follow-up: the lieutenant of its neighborhood, chiefs and admins. Only that
/// lieutenant and admins may see the resident's number (a chief plans, the lieutenant calls).
/// </summary>
public static class FollowUpAccess
{
    public static bool CanWork(ClaimsPrincipal user, string neighborhood) => Roles.SeesNeighborhood(user, neighborhood);

    public static bool CanReveal(ClaimsPrincipal user, string neighborhood) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.LieutenantPrefix + neighborhood);

    /// <summary>Null: every neighborhood; else the lieutenant's own.</summary>
    public static string[]? Scope(ClaimsPrincipal user) => Roles.SeesAllNeighborhoods(user) ? null
        : user.FindAll(ClaimTypes.Role).Where(c => c.Value.StartsWith(Roles.LieutenantPrefix, StringComparison.Ordinal))
            .Select(c => c.Value[Roles.LieutenantPrefix.Length..]).Distinct().Order(StringComparer.Ordinal).ToArray();
}
