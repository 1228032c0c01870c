using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Surveys.Api.Users;

namespace Surveys.Api.Hosting;

/// <summary>
/// X-Api-Key authentication against the configured keys, then the keys administrators stored in
/// the database. Missing or unknown key: 401 (challenge); known key without the role: 403 (forbid).
/// Keys are compared as SHA-256 digests in constant time.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptionsMonitor<SurveysOptions> surveys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey", Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrEmpty(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        foreach (var key in surveys.CurrentValue.ApiKeys)
        {
            if (string.IsNullOrEmpty(key.Key) || !CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key))))
                continue;
            var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
            claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
        return StoredApiKeys.AuthenticateAsync(Context, presented, SchemeName);
    }
}

public static class Roles
{
    public const string Intake = "intake", Admin = "admin", Chief = "chief", Ia = "ia", LieutenantPrefix = "lieutenant:";

    public static bool SeesAllNeighborhoods(ClaimsPrincipal user) => user.IsInRole(Chief) || user.IsInRole(Admin);

    public static bool SeesNeighborhood(ClaimsPrincipal user, string code) =>
        SeesAllNeighborhoods(user) || user.IsInRole(LieutenantPrefix + code);

    public static bool IsLieutenant(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Any(c => c.Value.StartsWith(LieutenantPrefix, StringComparison.Ordinal));
}
