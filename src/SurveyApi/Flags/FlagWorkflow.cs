using System.Security.Claims;
using Surveys.Api.Hosting;

namespace Surveys.Api.Flags;

/// <summary>
/// Who may see a flag, and the statuses it may move along. Internal affairs: open → in-review →
/// sustained | not-sustained | referred | dismissed. A lieutenant's follow-up item: open →
/// in-review → closed (or open → closed). Final statuses do not move again.
/// </summary>
public static class FlagWorkflow
{
    public const string Ia = "ia", Lieutenant = "lieutenant";
    public const string Open = "open", InReview = "in-review", Sustained = "sustained", NotSustained = "not-sustained",
        Referred = "referred", Dismissed = "dismissed", Closed = "closed";

    static readonly Dictionary<(string Queue, string From), string[]> Next = new()
    {
        [(Ia, Open)] = [InReview],
        [(Ia, InReview)] = [Sustained, NotSustained, Referred, Dismissed],
        [(Lieutenant, Open)] = [InReview, Closed],
        [(Lieutenant, InReview)] = [Closed],
    };

    public static IReadOnlyList<string> Statuses(string queue) => queue == Ia
        ? [Open, InReview, Sustained, NotSustained, Referred, Dismissed]
        : [Open, InReview, Closed];

    public static IReadOnlyList<string> NextStatuses(string queue, string from) => Next.GetValueOrDefault((queue, from)) ?? [];

    public static bool CanMove(string queue, string from, string to) => NextStatuses(queue, from).Contains(to);

    public static bool IsFinal(string queue, string status) => NextStatuses(queue, status).Count == 0;

    /// <summary>
    /// IA sees its queue; a lieutenant sees the follow-up items of their own neighborhood(s). Anyone
    /// else, and a lieutenant asking for another neighborhood's item, is told it does not exist.
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, string queue, string neighborhood) => queue switch
    {
        Ia => user.IsInRole(Roles.Ia),
        Lieutenant => user.IsInRole(Roles.LieutenantPrefix + neighborhood),
        _ => false,
    };

    /// <summary>The neighborhoods whose lieutenant items this user works.</summary>
    public static string[] LieutenantOf(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role)
        .Where(c => c.Value.StartsWith(Roles.LieutenantPrefix, StringComparison.Ordinal))
        .Select(c => c.Value[Roles.LieutenantPrefix.Length..]).Distinct().Order(StringComparer.Ordinal).ToArray();
}
