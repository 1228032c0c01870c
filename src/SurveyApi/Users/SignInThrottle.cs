using System.Threading.RateLimiting;

namespace Surveys.Api.Users;

/// <summary>
/// Caps sign-in attempts per client address and per username (fixed one-minute windows), before
/// any password is hashed: password spraying from one address, or at one account from many, gets
/// 429 instead of CPU. Lockout (5 failures) still protects an account below these limits.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string Section = "Surveys:Console:SignInLimit";
    readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IConfiguration configuration)
    {
        var perAddress = configuration.GetValue($"{Section}:PerAddress", 20);
        var perUsername = configuration.GetValue($"{Section}:PerUsername", 10);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = key.StartsWith("ip:", StringComparison.Ordinal) ? perAddress : perUsername,
                Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            }));
    }

    /// <summary>True when this attempt may go ahead; both windows count it.</summary>
    public bool TryAcquire(HttpContext context, string username)
    {
        using var byAddress = _limiter.AttemptAcquire("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"));
        using var byUser = _limiter.AttemptAcquire("user:" + UserStore.Normalize(username));
        return byAddress.IsAcquired && byUser.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
