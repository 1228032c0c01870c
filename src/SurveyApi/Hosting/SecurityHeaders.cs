using Surveys.Hosting;

namespace Surveys.Api.Hosting;

public static class SecurityHeaders
{
    // No inline script or style anywhere: pages load only our own stylesheet and post only to us.
    const string Csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        return next(context);
    });

    /// <summary>Until the schema is current (Server mode: the worker migrates) only health answers.</summary>
    public static void UseSchemaGate(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.RequestServices.GetRequiredService<SchemaGate>().IsOpen || context.Request.Path.StartsWithSegments("/health"))
            return next(context);
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: 503, title: "Starting up", detail: "The database is not ready yet; try again shortly.").ExecuteAsync(context);
    });
}
