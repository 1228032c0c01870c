using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Reporting.Data;
using Surveys.Reporting.Parts;
using Surveys.Reporting.Text;
using Surveys.Rules;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Meetings;

/// <summary>
/// /console/neighborhoods/{code}: the page a lieutenant puts on the screen at the monthly
/// community meeting. Large type, nothing about one resident or one officer: last month's
/// figures (the PDF's numbers and wording), what residents raised, what the department did, and
/// whether residents noticed. The same read as the PDF's "What we heard, what we did" page.
/// </summary>
public static class MeetingScreen
{
    public static void Map(RouteGroupBuilder group) => group.MapGet("/neighborhoods/{code}", ShowAsync);

    static async Task<IResult> ShowAsync(HttpContext context, string code, string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time)
    {
        if (!Roles.SeesNeighborhood(context.User, code)) return Forbidden(context);
        var (now, o) = (time.GetUtcNow(), options.Value);
        // Last month by default: the meeting looks back at a month whose figures are in.
        var m = month is not null && Months.TryParse(month, out _) ? month : Months.Shift(Months.Of(now, o.Zone), -1);
        if (string.CompareOrdinal(m, Months.Of(now, o.Zone)) > 0) m = Months.Of(now, o.Zone);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var data = await NeighborhoodData.LoadAsync(connection, code, new ReportContext(m, o, now));
        if (data is null) return Page(context, "Not found", "<p>There is no such neighborhood.</p>", 404);

        var f = data.Current;
        var body = Nav(code, m, Months.Of(now, o.Zone))
            + $"<section aria-labelledby=\"figures\"><h2 id=\"figures\">{E(Format.MonthName(m))}: what {f.Responses:#,0} residents told us</h2>"
            + "<div class=\"screen-tiles\">"
            + Tile(Headline.Overall(f), Headline.Overall(data.Previous), o.MinResponses)
            + Tile(Headline.Trust(f), Headline.Trust(data.Previous), o.MinResponses)
            + Tile(Headline.ProceduralJustice(f), Headline.ProceduralJustice(data.Previous), o.MinResponses)
            + Tile(Headline.ResponseRate(f), Headline.ResponseRate(data.Previous), o.MinResponses)
            + "</div></section>"
            + Heard(data.Loop) + Did(data.Loop, now, o.Zone)
            + $"<p class=\"muted\">Figures with fewer than {o.MinResponses} answers are not shown. A change is called real only when its 95% interval excludes zero. "
            + $"<a href=\"/console/reports/neighborhoods/{Uri.EscapeDataString(code)}?month={m}\">The full report (PDF)</a></p>";
        return Page(context, $"{data.Neighborhood.Name}: how we are doing", $"<div class=\"screen\">{body}</div>");
    }

    static string Tile(Measure now, Measure before, int minResponses)
    {
        var value = now.Value is { } v ? now.Show(v) : $"fewer than {minResponses} answers";
        var ci = now.Ci is [var lo, var hi] ? $"<span class=\"muted\">95% interval {E(now.Show(lo))}–{E(now.Show(hi))}</span>" : "";
        var change = Headline.Compare(now, before) switch
        {
            { Kind: ChangeKind.RealUp } => "up from last month (a real rise)",
            { Kind: ChangeKind.RealDown } => "down from last month (a real fall)",
            { Kind: ChangeKind.Noise } => "about the same as last month",
            _ => "no comparison with last month",
        };
        return $"<div class=\"screen-tile\"><h3>{E(now.Label)}</h3><p class=\"screen-value\">{E(value)}</p>{ci}<p>{E(change)}</p></div>";
    }

    static string Heard(CommunityLoop loop)
    {
        var meetings = loop.Events.Count == 0 ? "<p>No meeting or event was recorded this month.</p>"
            : "<ul>" + string.Concat(loop.Events.Select(e => $"<li>{E(e.Title)} ({E(LoopPage.Kind(e.Kind))}){(e.Attendance is { } a ? $", {a} people" : "")}</li>")) + "</ul>";
        var concerns = loop.Events.SelectMany(e => e.Concerns).ToList();
        var raised = concerns.Count == 0 ? "<p>No concern was recorded.</p>" : "<ul>" + string.Concat(concerns.Select(c => $"<li>{E(c)}</li>")) + "</ul>";
        return $"<section aria-labelledby=\"heard\"><h2 id=\"heard\">What we heard</h2><h3>Meetings</h3>{meetings}<h3>Concerns you raised</h3>{raised}</section>";
    }

    static string Did(CommunityLoop loop, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var problems = loop.Problems.Select(p =>
        {
            var done = p.Actions.Where(a => a.Status == "done").Select(a => $"<li>Done: {E(a.Text)}</li>");
            var due = p.Actions.Where(a => a.Status == "open").Select(a =>
                $"<li>Due {E(a.DueOn)}: {E(a.Text)}{(string.CompareOrdinal(a.DueOn, today) < 0 ? " <span class=\"tag\">overdue</span>" : "")}</li>");
            return $"<li><strong>{E(p.Title)}</strong> <span class=\"status\">{E(LoopPage.Stage(p.Stage))}</span><ul>{string.Concat(done.Concat(due))}</ul></li>";
        });
        var list = loop.Problems.Count == 0 ? "<p>No problem is open.</p>" : $"<ul class=\"screen-problems\">{string.Concat(problems)}</ul>";
        return $"<section aria-labelledby=\"did\"><h2 id=\"did\">What we did</h2>{list}</section>";
    }

    static string Nav(string code, string m, string current)
    {
        var path = $"/console/neighborhoods/{Uri.EscapeDataString(code)}";
        var next = Months.Shift(m, 1);
        return $"<p class=\"tabs\"><a href=\"{path}?month={Months.Shift(m, -1)}\">← {Months.Shift(m, -1)}</a> <strong>{m}</strong>"
               + (string.CompareOrdinal(next, current) <= 0 ? $" <a href=\"{path}?month={next}\">{next} →</a>" : "") + "</p>";
    }
}
