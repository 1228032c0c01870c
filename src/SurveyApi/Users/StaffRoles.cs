using Surveys.Api.Hosting;
using Surveys.Rules;

namespace Surveys.Api.Users;

/// <summary>The roles a user or a stored API key may hold, kept as one space-separated column.</summary>
public static class StaffRoles
{
    public static readonly IReadOnlyList<string> Fixed = [Roles.Admin, Roles.Chief, Roles.Ia, Roles.Intake];

    /// <summary>Splits on spaces or commas; every role must be known (lieutenant:CODE with a valid code).</summary>
    public static bool TryParse(string? text, out List<string> roles, out string? error)
    {
        roles = (text ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        error = null;
        foreach (var role in roles)
        {
            if (Fixed.Contains(role)) continue;
            if (role.StartsWith(Roles.LieutenantPrefix, StringComparison.Ordinal) && Validation.Code().IsMatch(role[Roles.LieutenantPrefix.Length..])) continue;
            error = $"'{role}' is not a role; use {string.Join(", ", Fixed)} or lieutenant:<neighborhood code>.";
            return false;
        }
        if (roles.Count == 0) error = "at least one role is required.";
        return roles.Count > 0;
    }

    public static string Join(IEnumerable<string> roles) => string.Join(' ', roles);

    public static string[] Split(string? stored) => (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
