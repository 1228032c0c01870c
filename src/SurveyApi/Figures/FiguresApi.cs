using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Figures;
using Surveys.FollowUps;
using Surveys.Rules;

namespace Surveys.Api.Figures;

public static class FiguresApi
{
    public static void MapFigures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stats").WithTags("Figures");
        group.MapGet("/neighborhoods/{code}", Neighborhood).RequireAuthorization(AccessPolicies.Figures).Documented();
        group.MapGet("/city", City).RequireAuthorization(AccessPolicies.CommandStaff).Documented();
        group.MapGet("/officers/{badge}", Officer).RequireAuthorization(AccessPolicies.CommandStaff).Documented();
    }

    static RouteHandlerBuilder Documented(this RouteHandlerBuilder route) => route.Produces<FigureSet>()
        .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    static async Task<IResult> Neighborhood(string code, string? month, ClaimsPrincipal user, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        // Checked before the existence test so a lieutenant learns nothing about other codes.
        if (!Roles.SeesNeighborhood(user, code)) return TypedResults.Forbid();
        return await LoadAsync(FigureQuery.Neighborhood, code, month, db, options.Value, time,
            "SELECT COUNT(*) FROM neighborhoods WHERE code = @Key", $"No neighborhood '{code}'.");
    }

    static Task<IResult> City(string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time) =>
        LoadAsync(FigureQuery.City, "", month, db, options.Value, time, null, null);

    static async Task<IResult> Officer(string badge, string? month, string? from, string? to, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var errors = new FieldErrors();
        var window = OfficerWindow.Parse(from, to, month ?? Months.Of(time.GetUtcNow(), o.Zone), errors);
        if (window is null) return Problems.Invalid(errors);
        var result = await LoadAsync(FigureQuery.Officer, badge, month, db, o, time,
            "SELECT COUNT(*) FROM officers WHERE badge = @Key", $"No officer with badge '{badge}'.");
        if (result is not Ok<FigureSet> { Value: { } set }) return result;
        await using var connection = await db.OpenAsync();
        var adjusted = await OfficerAdjustment.LoadAsync(connection, window.Value.From, window.Value.To, o.MinResponses);
        return TypedResults.Ok(set with { Adjusted = adjusted.GetValueOrDefault(badge) ?? OfficerAdjustment.Withheld(window.Value.From, window.Value.To, 0) });
    }

    static async Task<IResult> LoadAsync(string scope, string key, string? month, Db db, SurveysOptions options, TimeProvider time,
        string? existsSql, string? notFound)
    {
        var now = time.GetUtcNow();
        month ??= Months.Of(now, options.Zone);
        if (!Months.TryParse(month, out _)) return Problems.Invalid(new FieldErrors { { "month", Months.Problem } });
        await using var connection = await db.OpenAsync();
        if (existsSql is not null && await connection.ExecuteScalarAsync<long>(existsSql, new { Key = key }) == 0)
            return Problems.NotFound(notFound!);
        var figures = await FigureQuery.LoadAsync(connection, scope, key, month, options, now);
        if (scope is FigureQuery.City or FigureQuery.Neighborhood) // followUps: neighborhood and city calls only
            figures = figures with { FollowUps = await FollowUpFigures.LoadAsync(connection, scope == FigureQuery.City ? null : key, month, options.MinResponses, now) };
        return TypedResults.Ok(figures);
    }
}
