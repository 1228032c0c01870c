using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Surveys.Api.Hosting;

/// <summary>Per-client-address limit on the resident endpoints (the token is their only credential).</summary>
public static class ResidentLimits
{
    public const string Policy = "resident";

    public static void AddResidentLimits(this IServiceCollection services, SurveysOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
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
