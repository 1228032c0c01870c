using Surveys.Api.StaffConsole;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Reporting;
using Surveys.Reporting.Data;
using Surveys.Reporting.Text;
using Surveys.Rules;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Figures;

/// <summary>
/// Monthly figures and report links: chiefs and administrators see every neighborhood and the city,
/// a lieutenant their own neighborhood(s) only (another code in the URL is refused, 403).
/// </summary>
public static class FiguresPages
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/figures", Overview);
        group.MapGet("/figures/{code}", Neighborhood);
        group.MapGet("/reports/neighborhoods/{code}", NeighborhoodReport);
        group.MapGet("/reports/city", CityReport);
    }

    static async Task<IResult> Overview(HttpContext context, string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        var (now, o) = (time.GetUtcNow(), options.Value);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var m = await FigureMonths.PickAsync(connection, month, FigureQuery.City, "", now, o);
        var codes = (await connection.QueryAsync<(string Code, string Name)>("SELECT code, name FROM neighborhoods ORDER BY code")).ToList();
        var all = Roles.SeesAllNeighborhoods(context.User);
        if (!all) codes = codes.Where(c => Roles.SeesNeighborhood(context.User, c.Code)).ToList();

        var rows = new List<string>();
        if (all) rows.Add(Row("City-wide", null, await FigureQuery.LoadAsync(connection, FigureQuery.City, "", m, o, now), m));
        foreach (var (code, name) in codes)
            rows.Add(Row($"{code} — {name}", code, await FigureQuery.LoadAsync(connection, FigureQuery.Neighborhood, code, m, o, now), m));
        var body = FigureMonths.Nav("/console/figures", m, now, o)
            + "<table><thead><tr><th>Scope</th><th class=\"num\">Invitations</th><th class=\"num\">Responses</th><th class=\"num\">Response rate</th>"
            + "<th class=\"num\">Trust index</th><th class=\"num\">Procedural justice</th><th>Report</th></tr></thead><tbody>" + string.Concat(rows) + "</tbody></table>"
            + $"<p class=\"muted\">Figures with fewer than {o.MinResponses} answers are withheld (—).</p>";
        return Page(context, $"Figures for {m}", body);
    }

    static string Row(string label, string? code, FigureSet f, string month)
    {
        var link = code is null ? $"/console/reports/city?month={month}" : $"/console/reports/neighborhoods/{Uri.EscapeDataString(code)}?month={month}";
        var name = code is null ? E(label) : $"<a href=\"/console/figures/{Uri.EscapeDataString(code)}?month={month}\">{E(label)}</a>";
        return $"<tr><td>{name}{(f.Preliminary ? " <span class=\"muted\">(preliminary)</span>" : "")}</td><td class=\"num\">{f.Invitations}</td>"
            + $"<td class=\"num\">{f.Responses}</td><td class=\"num\">{Pct(f.ResponseRate)}</td><td class=\"num\">{Num(f.TrustIndex)}</td>"
            + $"<td class=\"num\">{Num(f.ProceduralJusticeIndex)}</td><td><a href=\"{link}\">PDF</a></td></tr>";
    }

    static async Task<IResult> Neighborhood(HttpContext context, string code, string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        if (!Roles.SeesNeighborhood(context.User, code)) return Forbidden(context);
        var (now, o) = (time.GetUtcNow(), options.Value);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var name = await connection.QuerySingleOrDefaultAsync<string?>("SELECT name FROM neighborhoods WHERE code = @Code", new { Code = code });
        if (name is null) return Page(context, "Not found", "<p>There is no such neighborhood.</p>", 404);
        var m = await FigureMonths.PickAsync(connection, month, FigureQuery.Neighborhood, code, now, o);
        var trend = await NeighborhoodData.LoadTrendAsync(connection, FigureQuery.Neighborhood, code, new ReportContext(m, o, now));
        var f = trend[^1];
        var body = FigureMonths.Nav($"/console/figures/{Uri.EscapeDataString(code)}", m, now, o)
            + $"<dl><dt>Invitations</dt><dd>{f.Invitations}</dd><dt>Responses</dt><dd>{f.Responses} ({Pct(f.ResponseRate)})</dd>"
            + $"<dt>Trust index</dt><dd>{Num(f.TrustIndex)}</dd><dt>Procedural justice index</dt><dd>{Num(f.ProceduralJusticeIndex)}</dd>"
            + $"<dt>Status</dt><dd>{(f.Preliminary ? "preliminary" : "final")}</dd></dl>"
            + "<table><thead><tr><th>Item</th><th class=\"num\">n</th><th class=\"num\">Mean</th><th class=\"num\">95% CI</th><th class=\"num\">% positive</th><th>Problem solving</th></tr></thead>"
            + $"<tbody>{string.Concat(f.Items.Select(i => ItemRow(code, i.Key, i.Value)))}</tbody></table>"
            + $"<p><a href=\"/console/reports/neighborhoods/{Uri.EscapeDataString(code)}?month={m}\">Monthly report (PDF)</a></p>"
            + $"<p><a href=\"/console/neighborhoods/{Uri.EscapeDataString(code)}\">Meeting screen</a>: last month's figures, what we heard and what we did, for the community meeting.</p>"
            + FigureMonths.Trends(trend, o.MinResponses);
        return Page(context, $"{code} — {name}, {m}", body);
    }

    /// <summary>One row per item, labelled as in the PDF (ItemLabels is the one source of the wording).</summary>
    static string ItemRow(string code, string key, ItemFigures i) =>
        $"<tr><td>{E(ItemLabels.Short(key))}</td><td class=\"num\">{i.N}</td><td class=\"num\">{Two(i.Mean)}</td>"
        + $"<td class=\"num\">{Ci(i.Ci95)}</td><td class=\"num\">{Pct(i.PctPositive)}</td>"
        + $"<td><a href=\"/console/problems/new?neighborhood={E(Uri.EscapeDataString(code))}&amp;item={E(Uri.EscapeDataString(key))}\" aria-label=\"Open a problem about {E(ItemLabels.Short(key))}\">Open a problem</a></td></tr>";

    static async Task<IResult> NeighborhoodReport(HttpContext context, string code, string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        if (!Roles.SeesNeighborhood(context.User, code)) return Forbidden(context);
        var now = time.GetUtcNow();
        var m = Month(month, now, options.Value);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var pdf = await TrustReports.NeighborhoodAsync(connection, code, m, options.Value, now);
        return pdf is null ? Page(context, "Not found", "<p>There is no such neighborhood.</p>", 404) : Pdf(context, pdf, TrustReports.NeighborhoodFileName(code, m));
    }

    static async Task<IResult> CityReport(HttpContext context, string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        if (!Roles.SeesAllNeighborhoods(context.User)) return Forbidden(context);
        var now = time.GetUtcNow();
        var m = Month(month, now, options.Value);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        return Pdf(context, await TrustReports.CityAsync(connection, m, options.Value, now), TrustReports.CityFileName(m));
    }

    static IResult Pdf(HttpContext context, byte[] pdf, string fileName)
    {
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return TypedResults.File(pdf, "application/pdf");
    }

    static string Month(string? month, DateTimeOffset now, SurveysOptions o) => month is not null && Months.TryParse(month, out _) ? month : Months.Of(now, o.Zone);

    static string Num(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "—";
    static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
    static string Two(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "—";
    static string Ci(double[]? ci) => ci is [var lo, var hi] ? $"{Two(lo)}–{Two(hi)}" : "—";
}
