using System.Globalization;
using Surveys.Figures;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Events;

/// <summary>The console's event markup: the record form, one event (QR, concerns, figures) and the print view.</summary>
public static class EventConsoleHtml
{
    public static string CreateForm(HttpContext context, string[]? own)
    {
        var hoods = own is null
            ? "<label for=\"neighborhood\">Neighborhood code (empty: city-wide)</label><input id=\"neighborhood\" name=\"neighborhood\" maxlength=\"40\">"
            : $"<label for=\"neighborhood\">Neighborhood</label><select id=\"neighborhood\" name=\"neighborhood\">{Options(own)}</select>";
        return "<h2>Record an event</h2>" + Form(context, EventConsolePages.BasePath, $"""
            <label for="kind">Kind</label><select id="kind" name="kind">{Options(EventsApi.Kinds)}</select>
            <label for="title">Title</label><input id="title" name="title" required maxlength="200">
            {hoods}
            <label for="startsAt">Starts (agency time)</label><input id="startsAt" name="startsAt" type="datetime-local" required>
            <label for="attendance">Attendance (optional)</label><input id="attendance" name="attendance" type="number" min="0" inputmode="numeric">
            <button type="submit">Record the event</button>
            """);
    }

    public static string Detail(HttpContext context, EventsApi.EventView v, List<EventQueries.Concern> concerns, FigureSet figures, int minResponses)
    {
        var id = Uri.EscapeDataString(v.Id);
        var path = $"{EventConsolePages.BasePath}/{id}";
        var hood = v.Neighborhood is null ? "" : $"&neighborhood={Uri.EscapeDataString(v.Neighborhood)}";
        var concernRows = concerns.Count == 0 ? "<p>No concerns recorded yet.</p>" : "<ul>" + string.Concat(concerns.Select(c =>
            $"<li>{E(c.Text)} <span class=\"muted\">({E(c.CreatedBy)}, {When(c.CreatedAt)})</span> <a href=\"/console/problems/new?eventId={id}&concernId={Uri.EscapeDataString(c.Id)}{E(hood)}\">Open a problem</a></li>")) + "</ul>";
        var items = string.Concat(figures.Items.Select(i => i.Value.Suppressed
            ? $"<tr><th scope=\"row\">{E(i.Key)}</th><td class=\"num\">{i.Value.N}</td><td colspan=\"2\">fewer than {minResponses} answers: not shown</td></tr>"
            : $"<tr><th scope=\"row\">{E(i.Key)}</th><td class=\"num\">{i.Value.N}</td><td class=\"num\">{i.Value.Mean?.ToString("0.00", CultureInfo.InvariantCulture)}</td><td class=\"num\">{(i.Value.PctPositive * 100)?.ToString("0", CultureInfo.InvariantCulture)}%</td></tr>"));
        return $"""
            <dl><dt>Kind</dt><dd>{E(v.Kind)}</dd><dt>Neighborhood</dt><dd>{E(v.Neighborhood ?? "city-wide")}</dd>
            <dt>Starts</dt><dd>{When(v.StartsAt.ToUnixTimeMilliseconds())}</dd>
            <dt>Survey open</dt><dd>{When(v.OpensAt.ToUnixTimeMilliseconds())} to {When(v.ClosesAt.ToUnixTimeMilliseconds())}</dd>
            <dt>Survey link</dt><dd><a href="{E(v.SurveyUrl)}">{E(v.SurveyUrl)}</a></dd></dl>
            <p><img src="{path}/qr.svg" alt="QR code for the survey link {E(v.SurveyUrl)}" width="240" height="240"></p>
            <p><a href="{path}/qr.png" download>Download PNG</a> · <a href="{path}/qr.svg" download>Download SVG</a> · <a href="{path}/print">Print view</a></p>
            <h2>Attendance</h2>
            {Form(context, $"{path}/attendance", $"<label for=\"attendance\">People attending</label><input id=\"attendance\" name=\"attendance\" type=\"number\" min=\"0\" inputmode=\"numeric\" value=\"{v.Attendance}\"><button type=\"submit\">Save attendance</button>")}
            <h2 id="concerns">Concerns raised</h2>{concernRows}
            {Form(context, $"{path}/concerns", "<label for=\"text\">A concern residents raised</label><textarea id=\"text\" name=\"text\" rows=\"3\" maxlength=\"4000\" required></textarea><button type=\"submit\">Add the concern</button>")}
            <h2>Survey figures</h2><p>{figures.Responses} answer(s). Figures of fewer than {minResponses} answers are not shown.</p>
            <table><thead><tr><th>Item</th><th class="num">n</th><th class="num">Mean (1–5)</th><th class="num">% positive</th></tr></thead><tbody>{items}</tbody></table>
            """;
    }

    public static string Print(EventsApi.EventView v) => $"""
        <p>{E(v.Kind)} · {When(v.StartsAt.ToUnixTimeMilliseconds())}</p>
        <p><img src="{EventConsolePages.BasePath}/{Uri.EscapeDataString(v.Id)}/qr.svg" alt="QR code for the survey link {E(v.SurveyUrl)}" width="480" height="480"></p>
        <p>Tell us how it went: scan the code or open <strong>{E(v.SurveyUrl)}</strong></p>
        <p class="muted">No name asked. One answer per phone. Open until {When(v.ClosesAt.ToUnixTimeMilliseconds())}.</p>
        """;
}
