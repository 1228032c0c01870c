using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Surveys.Api.Hosting;

/// <summary>Per-client-address limit on the resident endpoints (the token is their only credential).</summary>
public static class ResidentLimits
{
    public const string Policy = "resident";
    /// <summary>
    /// The event survey page: per event link and browser cookie, not per address (everyone at a
    /// meeting shares the venue's Wi-Fi). A client without the cookie shares one partition per
    /// event, which only the first GET of each browser needs.
    /// </summary>
    public const string EventPolicy = "event";

    public static void AddResidentLimits(this IServiceCollection services, SurveysOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ResidentRateLimit.PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(EventPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                $"{context.Request.Path.Value}|{Surveys.Api.Events.EventPages.BrowserId(context) ?? "new"}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ResidentRateLimit.PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: "Please wait a minute and try again.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }
}
