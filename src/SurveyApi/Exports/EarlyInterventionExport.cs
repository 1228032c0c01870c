using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Audit;
using Surveys.Api.Figures;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Api.Exports;

/// <summary>
/// GET /api/v1/exports/early-intervention.csv (api-contract.md, "Integration"): officers whose
/// adjusted % positive is credibly below or above what their contact-type mix predicts, as input
/// to an early-intervention system. Listed by badge, never ranked; officers under MinResponses
/// never appear. The same OfficerAdjustment the officer stats call uses.
/// </summary>
public static class EarlyInterventionExport
{
    public const string Header = "badge,name,n,pctPositive,adjustedPctPositive,adjustedCi95Low,adjustedCi95High,direction,flags,commendations,expectedPctPositive";

    public static void MapEarlyInterventionExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/exports/early-intervention.csv", ExportAsync).WithTags("Exports")
            .RequireAuthorization(p => p.RequireRole(Roles.Chief, Roles.Admin, Roles.Ia))
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    static async Task<IResult> ExportAsync(string? from, string? to, HttpContext context, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        if (OfficerWindow.Parse(from, to, Months.Of(now, o.Zone), errors) is not { } window) return Problems.Invalid(errors);

        await using var connection = await db.OpenAsync();
        var adjusted = await OfficerAdjustment.LoadAsync(connection, window.From, window.To, o.MinResponses);
        var listed = adjusted.Where(a => !a.Value.Suppressed && a.Value.Direction != OfficerAdjustment.Within)
            .OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var counts = await CountsAsync(connection, window.From, window.To);
        // Who pulled a list that names officers, and for which window (no figures in the log).
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, "export.early-intervention", $"{window.From}..{window.To}",
            AuditLog.Success, $"{listed.Count} officers"), now);

        var text = new StringWriter(CultureInfo.InvariantCulture);
        // Names come from the roster: a cell starting with = + - @ tab or CR is neutralised (OWASP CSV injection).
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using (var csv = new CsvWriter(text, config))
        {
            foreach (var column in Header.Split(',')) csv.WriteField(column);
            await csv.NextRecordAsync();
            foreach (var (badge, a) in listed)
            {
                csv.WriteField(badge);
                csv.WriteField(counts.Names.GetValueOrDefault(badge) ?? "");
                csv.WriteField(a.N);
                csv.WriteField(a.PctPositive);
                csv.WriteField(a.ShrunkPctPositive);
                csv.WriteField(a.ShrunkPctPositiveCi95![0]);
                csv.WriteField(a.ShrunkPctPositiveCi95[1]);
                csv.WriteField(a.Direction);
                csv.WriteField(counts.Flags.GetValueOrDefault(badge));
                csv.WriteField(counts.Commendations.GetValueOrDefault(badge));
                csv.WriteField(a.ExpectedPctPositive);
                await csv.NextRecordAsync();
            }
        }
        var file = $"early-intervention-{window.From}-to-{window.To}.csv";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        return TypedResults.Text(text.ToString(), "text/csv; charset=utf-8");
    }

    sealed record Counts(Dictionary<string, string?> Names, Dictionary<string, long> Flags, Dictionary<string, long> Commendations);

    /// <summary>Roster names, IA flags (complaints and alleged misconduct) and commendations per officer, by month of the contact.</summary>
    static async Task<Counts> CountsAsync(System.Data.Common.DbConnection db, string from, string to)
    {
        const string namesSql = "SELECT badge, name FROM officers";
        const string flagsSql = """
            SELECT co.badge, COUNT(*) FROM flags f
            JOIN responses r ON r.id = f.response_id JOIN contact_officers co ON co.contact_id = r.contact_id
            WHERE f.queue = 'ia' AND f.month >= @From AND f.month <= @To GROUP BY co.badge
            """;
        const string commendationsSql = "SELECT badge, COUNT(*) FROM commendations WHERE month >= @From AND month <= @To GROUP BY badge";
        var window = new { From = from, To = to };
        return new Counts(
            (await db.QueryAsync<(string Badge, string? Name)>(namesSql)).ToDictionary(r => r.Badge, r => r.Name, StringComparer.Ordinal),
            (await db.QueryAsync<(string Badge, long Count)>(flagsSql, window)).ToDictionary(r => r.Badge, r => r.Count, StringComparer.Ordinal),
            (await db.QueryAsync<(string Badge, long Count)>(commendationsSql, window)).ToDictionary(r => r.Badge, r => r.Count, StringComparer.Ordinal));
    }
}
