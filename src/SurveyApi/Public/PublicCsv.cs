using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Figures;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Api.Public;

/// <summary>
/// GET /public/data/figures.csv (open data, docs/public.md): one row per scope × month × item for
/// the city and every neighborhood, from FigureQuery (the stats API's own figures), suppressed
/// cells empty. Never an officer row.
/// </summary>
public static class PublicCsv
{
    public const string Header = "scope,code,month,preliminary,item,n,mean,ci95Low,ci95High,pctPositive,pctPositiveCi95Low,pctPositiveCi95High,suppressed";

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/data/figures.csv", ExportAsync).WithSummary("Monthly figures for the city and every neighborhood (open data)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    static async Task<IResult> ExportAsync(string? from, string? to, HttpContext context, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        var (o, now) = (options.Value, time.GetUtcNow());
        var current = Months.Of(now, o.Zone);
        var errors = new FieldErrors();
        // The officer window's rules (form, order, at most 36 months), and no month still to come.
        // By default the twelve months the pages show, ending with `to` (or now).
        if (from is null && Months.TryParse(to ?? current, out _)) from = Months.Shift(to ?? current, -(PublicData.TrendMonths - 1));
        if (OfficerWindow.Parse(from, to, current, errors) is not { } window) return Problems.Invalid(errors);
        if (string.CompareOrdinal(window.To, current) > 0)
            return Problems.Invalid(new FieldErrors { { "to", [$"must not be after the current month, {current}."] } });

        await using var connection = await db.OpenAsync(context.RequestAborted);
        var codes = (await connection.QueryAsync<string>("SELECT code FROM neighborhoods ORDER BY code")).ToList();
        var text = new StringWriter(CultureInfo.InvariantCulture);
        // Neighborhood codes come from the administrators: a cell starting with = + - @ is neutralised (OWASP CSV injection).
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using (var csv = new CsvWriter(text, config))
        {
            foreach (var column in Header.Split(',')) csv.WriteField(column);
            await csv.NextRecordAsync();
            for (var month = window.From; string.CompareOrdinal(month, window.To) <= 0; month = Months.Shift(month, 1))
            {
                await WriteAsync(csv, await FigureQuery.LoadAsync(connection, FigureQuery.City, "", month, o, now));
                foreach (var code in codes)
                    await WriteAsync(csv, await FigureQuery.LoadAsync(connection, FigureQuery.Neighborhood, code, month, o, now));
            }
        }
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"figures-{window.From}-to-{window.To}.csv\"";
        return PublicPages.Cached(context, Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8");
    }

    static async Task WriteAsync(CsvWriter csv, FigureSet f)
    {
        foreach (var item in Instrument.Items)
        {
            var i = f.Items[item];
            csv.WriteField(f.Scope);
            csv.WriteField(f.Code ?? "");
            csv.WriteField(f.Month);
            csv.WriteField(f.Preliminary ? "true" : "false");
            csv.WriteField(item);
            // Below MinResponses even the count stays out (the pages say "fewer than N"); 0 names no one.
            csv.WriteField(i.Suppressed && i.N > 0 ? (long?)null : i.N);
            csv.WriteField(i.Mean);
            csv.WriteField(i.Ci95?[0]);
            csv.WriteField(i.Ci95?[1]);
            csv.WriteField(i.PctPositive);
            csv.WriteField(i.PctPositiveCi95?[0]);
            csv.WriteField(i.PctPositiveCi95?[1]);
            csv.WriteField(i.Suppressed ? "true" : "false");
            await csv.NextRecordAsync();
        }
    }
}
