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

    static async Task<IResult> ShowAsync(HttpContext context, string code, string? month, Db db, IOptions<SurveysOptions> options, TimeProvider time,
        PublicUrl url)
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
            + $"<section aria-labelledby=\"figures\"><h2 id=\"figures\">{E(Format.MonthName(m))}: " + (f.Responses == 0 ? "no resident answered a survey yet" : $"what {f.Responses:#,0} residents told us") + "</h2>"
            + "<div class=\"screen-tiles\">"
            + Tile(Headline.Overall(f), Headline.Overall(data.Previous), o.MinResponses)
            + Tile(Headline.Trust(f), Headline.Trust(data.Previous), o.MinResponses)
            + Tile(Headline.ProceduralJustice(f), Headline.ProceduralJustice(data.Previous), o.MinResponses)
            + Tile(Headline.ResponseRate(f), Headline.ResponseRate(data.Previous), o.MinResponses)
            + "</div></section>"
            + Heard(data.Loop) + Did(data.Loop, data.Context.Today) + Noticed(data.Loop, o.MinResponses)
            + await TonightAsync(connection, code, now, url)
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

    static string Did(CommunityLoop loop, string today)
    {
        var problems = loop.Problems.Select(p =>
        {
            var done = p.Actions.Where(a => a.Status == "done").Select(a => $"<li>Done: {E(a.Text)}</li>");
            var due = p.Actions.Where(a => a.Status == "open").Select(a =>
                $"<li>Due {E(a.DueOn)}: {E(a.Text)}{(a.OverdueOn(today) ? " <span class=\"tag\">overdue</span>" : "")}</li>");
            return $"<li><strong>{E(p.Title)}</strong> <span class=\"status\">{E(LoopPage.Stage(p.Stage))}</span><ul>{string.Concat(done.Concat(due))}</ul></li>";
        });
        var list = loop.Problems.Count == 0 ? "<p>No problem is open.</p>" : $"<ul class=\"screen-problems\">{string.Concat(problems)}</ul>";
        return $"<section aria-labelledby=\"did\"><h2 id=\"did\">What we did</h2>{list}</section>";
    }

    /// <summary>Each assessed problem's items: before, after, and whether the change is real (the PDF's figures).</summary>
    static string Noticed(CommunityLoop loop, int minResponses)
    {
        var assessed = loop.Problems.Where(p => p.Assessment is not null).ToList();
        if (assessed.Count == 0) return "";
        string Side(Surveys.Figures.ItemFigures f) => f.Mean is { } m ? $"{Format.Mean(m)} ({f.N:#,0} answers)" : f.N == 0 ? "no answers" : $"fewer than {minResponses} answers";
        var b = new System.Text.StringBuilder("<section aria-labelledby=\"noticed\"><h2 id=\"noticed\">Did residents notice?</h2>");
        foreach (var p in assessed)
        {
            var a = p.Assessment!;
            b.Append($"<h3>{E(p.Title)}</h3><table><caption>Before: {E(Format.MonthShortYear(a.Before.From))}–{E(Format.MonthShortYear(a.Before.To))}. "
                + $"After: {E(Format.MonthShortYear(a.After.From))}–{E(Format.MonthShortYear(a.After.To))}.</caption><thead><tr><th scope=\"col\">Question</th>"
                + "<th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Change</th></tr></thead><tbody>");
            foreach (var (item, d) in a.Difference)
            {
                var verdict = d is null ? "not enough answers yet" : !d.Significant ? $"{Format.Signed(d.Mean, "0.00")}: no real change yet"
                    : $"{Format.Signed(d.Mean, "0.00")}: a real {(d.Mean > 0 ? "rise" : "fall")}";
                b.Append($"<tr><th scope=\"row\">{E(ItemLabels.Short(item))}</th><td>{E(Side(a.Before.Items[item]))}</td><td>{E(Side(a.After.Items[item]))}</td><td>{E(verdict)}</td></tr>");
            }
            b.Append("</tbody></table>");
        }
        return b.Append("</section>").ToString();
    }

    /// <summary>Events of this neighborhood whose survey is open now: the code to show on the screen and the short link to read out.</summary>
    static async Task<string> TonightAsync(System.Data.Common.DbConnection db, string code, DateTimeOffset now, PublicUrl url)
    {
        const string sql = """
            SELECT id, title, token FROM events
            WHERE neighborhood = @Code AND starts_at <= @OpenFrom AND starts_at >= @OpenUntil ORDER BY starts_at DESC, id LIMIT 2
            """;
        var open = (await db.QueryAsync<(string Id, string Title, string Token)>(sql, new
        {
            Code = code, OpenFrom = (now + Surveys.Api.Events.EventsApi.OpensBefore).ToUnixTimeMilliseconds(),
            OpenUntil = (now - Surveys.Api.Events.EventsApi.ClosesAfter).ToUnixTimeMilliseconds(),
        })).ToList();
        if (open.Count == 0) return "";
        var b = new System.Text.StringBuilder("<section aria-labelledby=\"tonight\"><h2 id=\"tonight\">Tell us how tonight went</h2><div class=\"screen-tiles\">");
        foreach (var e in open)
        {
            var link = Surveys.Api.Events.EventsApi.SurveyUrl(url, e.Token);
            b.Append($"<div class=\"screen-tile\"><h3>{E(e.Title)}</h3><img src=\"/console/events/{Uri.EscapeDataString(e.Id)}/qr.svg\" alt=\"QR code for the survey link {E(link)}\" width=\"320\" height=\"320\">"
                + $"<p>Scan the code or open <strong>{E(link)}</strong></p></div>");
        }
        return b.Append("</div></section>").ToString();
    }

    static string Nav(string code, string m, string current)
    {
        var path = $"/console/neighborhoods/{Uri.EscapeDataString(code)}";
        var next = Months.Shift(m, 1);
        return $"<p class=\"tabs\"><a href=\"{path}?month={Months.Shift(m, -1)}\">← {Months.Shift(m, -1)}</a> <strong>{m}</strong>"
               + (string.CompareOrdinal(next, current) <= 0 ? $" <a href=\"{path}?month={next}\">{next} →</a>" : "") + "</p>";
    }
}
