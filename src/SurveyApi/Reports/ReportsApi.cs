using System.Security.Claims;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Reporting;
using Surveys.Rules;

namespace Surveys.Api.Reports;

/// <summary>Monthly trust reports as PDF, rendered on demand from the aggregates (api-contract.md, "Reports").</summary>
public static class ReportsApi
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/neighborhoods/{code}", Neighborhood).RequireAuthorization(AccessPolicies.Figures)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        group.MapGet("/city", City).RequireAuthorization(AccessPolicies.CommandStaff)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    static async Task<IResult> Neighborhood(string code, string? month, ClaimsPrincipal user, Db db, IOptions<SurveysOptions> options,
        TimeProvider time, HttpResponse response, CancellationToken ct)
    {
        // Checked before the existence test so a lieutenant learns nothing about other codes.
        if (!Roles.SeesNeighborhood(user, code)) return TypedResults.Forbid();
        var now = time.GetUtcNow();
        if (Month(month, now, options.Value) is not { } m) return BadMonth();
        await using var connection = await db.OpenAsync(ct);
        var pdf = await TrustReports.NeighborhoodAsync(connection, code, m, options.Value, now);
        return pdf is null ? Problems.NotFound($"No neighborhood '{code}'.") : Pdf(response, pdf, TrustReports.NeighborhoodFileName(code, m));
    }

    static async Task<IResult> City(string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time, HttpResponse response,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (Month(month, now, options.Value) is not { } m) return BadMonth();
        await using var connection = await db.OpenAsync(ct);
        return Pdf(response, await TrustReports.CityAsync(connection, m, options.Value, now), TrustReports.CityFileName(m));
    }

    /// <summary>The month asked for, or the current one as the stats calls default; null when malformed.</summary>
    static string? Month(string? month, DateTimeOffset now, SurveysOptions options) =>
        month is null ? Months.Of(now, options.Zone) : Months.TryParse(month, out _) ? month : null;

    static IResult BadMonth() =>
        Problems.Invalid(new FieldErrors { { "month", Months.Problem } });

    static IResult Pdf(HttpResponse response, byte[] pdf, string fileName)
    {
        // Inline so a browser shows it (the name is what "save" proposes); figures about residents
        // stay out of shared caches.
        response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        return TypedResults.File(pdf, "application/pdf");
    }
}
