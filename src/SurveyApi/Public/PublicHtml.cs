using System.Globalization;
using System.Text;
using Surveys.Api.Figures;
using Surveys.Texts;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Api.Public;

/// <summary>
/// The public pages' HTML: no script, one stylesheet, every chart an inline SVG with a text
/// alternative and its data table beside it. Numbers are the published ones (Headline over
/// FigureSet, as in the PDFs); this file only words and lays them out.
/// </summary>
public static class PublicHtml
{
    public static string Page(PublicData d, string lang, IReadOnlyList<string> offered, string agency, int min, TextCatalog? catalog = null)
    {
        var t = new PublicText(lang, min, catalog);
        var latest = d.Latest.Figures;
        var title = d.Code is null ? t.F("CityTitle", agency) : t.F("NeighborhoodTitle", agency, d.Name!);
        var b = new StringBuilder();
        b.Append($"<h1>{E(title)}</h1><p>{E(t["PublicIntro"])}</p><p class=\"note\">{E(t["Never"])}</p>");
        b.Append($"<h2 id=\"latest\">{E(t.F("LatestHeading", t.Month(latest.Month)))}{(latest.Preliminary ? $" <span class=\"tag\">{E(t["Preliminary"])}</span>" : "")}</h2><dl class=\"tiles\">");
        b.Append($"<div><dt>{E(t["Responses"])}</dt><dd>{E(t.Count(latest.Responses))}</dd></div>");
        foreach (var m in PublicMeasures.Of(latest, min))
            b.Append($"<div><dt>{E(t[m.Key])}</dt><dd>{E(t.Value(m.Measure))}</dd>{(m.Measure.Ci is { } ci ? $"<dd class=\"range\">{E(t["Range"])}: {E(Format.Interval(ci, m.Measure.Show))}</dd>" : "")}</div>");
        b.Append($"</dl><p class=\"note\">{E(t.F("WithheldNote", min))} {E(t["IntervalNote"])} {E(t["PreliminaryNote"])}</p>");
        foreach (var key in PublicMeasures.Keys) Trend(b, t, d, key);
        FollowUps(b, t, d);
        Meetings(b, t, d);
        Problems(b, t, d);
        if (d.Code is null) { Languages(b, t, d); Neighborhoods(b, t, d); }
        else b.Append($"<p><a href=\"/public?lang={lang}\">{E(t["BackToCity"])}</a></p>");
        var to = d.Months[^1].Figures.Month;
        b.Append($"<h2>{E(t["DataHeading"])}</h2><p><a href=\"/public/data/figures.csv?from={d.Months[0].Figures.Month}&amp;to={to}\">{E(t["DataLink"])}</a></p>");
        return Layout(t, offered, title, b.ToString(), d.Code is null ? "/public" : $"/public/neighborhoods/{Uri.EscapeDataString(d.Code)}");
    }

    public static string NotFound(string lang, IReadOnlyList<string> offered, TextCatalog? catalog = null)
    {
        var t = new PublicText(lang, 0, catalog);
        return Layout(t, offered, t["NotFoundTitle"], $"<h1>{E(t["NotFoundTitle"])}</h1><p>{E(t["NotFound"])}</p><p><a href=\"/public?lang={lang}\">{E(t["BackToCity"])}</a></p>", "/public");
    }

    static void Trend(StringBuilder b, PublicText t, PublicData d, string key)
    {
        var rows = d.Months.Select(m => (m.Figures, Measure: PublicMeasures.Measure(key, m.Figures, t.Min))).ToList();
        var shown = rows.LastOrDefault(r => !r.Measure.Withheld);
        var desc = t.F("ChartDesc", t[key], t.Month(rows[0].Figures.Month), t.Month(rows[^1].Figures.Month)) + " "
            + (shown.Measure is { } last ? t.F("ChartLatest", t.Value(last), t.Month(shown.Figures.Month)) : t["ChartNone"]);
        var points = rows.Select(r => new ChartPoint(t.MonthShort(r.Figures.Month), r.Measure.Value, r.Measure.Ci?[0], r.Measure.Ci?[1])).ToList();
        var (min, max) = PublicMeasures.Scale(key);
        b.Append($"<section class=\"trend\" aria-labelledby=\"{key}-h\"><h2 id=\"{key}-h\">{E(t[key])}</h2><div class=\"pair\">");
        b.Append(TrendChart.Svg(key, t[key], desc, points, min, max, [.. Enumerable.Range(0, 5).Select(g => min + (max - min) * g / 4)],
            v => PublicMeasures.Tick(key, v), ChartFrame.Phone));
        b.Append($"<table><caption class=\"visually-hidden\">{E(t[key])}</caption><thead><tr><th scope=\"col\">{E(t["Month"])}</th>");
        if (key == PublicMeasures.ResponseRate) b.Append($"<th scope=\"col\" class=\"num\">{E(t["Responses"])}</th>");
        b.Append($"<th scope=\"col\" class=\"num\">{E(t["Value"])}</th><th scope=\"col\" class=\"num\">{E(t["Range"])}</th></tr></thead><tbody>");
        foreach (var (f, m) in rows)
        {
            b.Append($"<tr><th scope=\"row\">{E(t.MonthCell(f))}</th>");
            if (key == PublicMeasures.ResponseRate) b.Append($"<td class=\"num\">{E(t.Count(f.Responses))}</td>");
            b.Append($"<td class=\"num\">{E(t.Value(m))}</td><td class=\"num\">{(m.Ci is { } ci ? E(Format.Interval(ci, m.Show)) : "")}</td></tr>");
        }
        b.Append("</tbody></table></div></section>");
    }

    static void FollowUps(StringBuilder b, PublicText t, PublicData d)
    {
        b.Append($"<section aria-labelledby=\"fu-h\"><h2 id=\"fu-h\">{E(t["FollowUpsHeading"])}</h2><p>{E(t["FollowUpsIntro"])}</p>");
        b.Append($"<table><thead><tr><th scope=\"col\">{E(t["Month"])}</th><th scope=\"col\" class=\"num\">{E(t["FollowUpsAsked"])}</th><th scope=\"col\" class=\"num\">{E(t["FollowUpsOnTime"])}</th></tr></thead><tbody>");
        foreach (var m in d.Months)
            b.Append($"<tr><th scope=\"row\">{E(t.MonthCell(m.Figures))}</th><td class=\"num\">{E(t.Count(m.FollowUps.Requested))}</td>"
                + $"<td class=\"num\">{E(m.FollowUps.PctContactedWithinDue is { } p ? Format.Percent(p) : m.FollowUps.Requested == 0 ? "" : t["Withheld"])}</td></tr>");
        b.Append("</tbody></table></section>");
    }

    static void Meetings(StringBuilder b, PublicText t, PublicData d)
    {
        b.Append($"<section aria-labelledby=\"mt-h\"><h2 id=\"mt-h\">{E(t["MeetingsHeading"])}</h2><table><thead><tr><th scope=\"col\">{E(t["Month"])}</th><th scope=\"col\" class=\"num\">{E(t["Meetings"])}</th></tr></thead><tbody>");
        foreach (var m in d.Months) b.Append($"<tr><th scope=\"row\">{E(t.MonthCell(m.Figures))}</th><td class=\"num\">{m.Meetings.ToString(CultureInfo.InvariantCulture)}</td></tr>");
        b.Append("</tbody></table></section>");
    }

    static readonly string[] Stages = ["scanning", "analysis", "response", "assessment", "closed"];

    static void Problems(StringBuilder b, PublicText t, PublicData d)
    {
        b.Append($"<section aria-labelledby=\"pr-h\"><h2 id=\"pr-h\">{E(t["ProblemsHeading"])}</h2>");
        if (d.Problems.Count == 0) b.Append($"<p>{E(t["ProblemsNone"])}</p>");
        foreach (var stage in Stages.Where(s => d.Problems.Any(p => p.Stage == s)))
        {
            b.Append($"<h3>{E(t["Stage_" + stage])}</h3><ul>");
            foreach (var p in d.Problems.Where(p => p.Stage == stage))
                b.Append($"<li>{E(p.Title)}{(d.Code is null && p.Neighborhood is { } n ? $" <span class=\"muted\">({E(n)})</span>" : "")}</li>");
            b.Append("</ul>");
        }
        b.Append("</section>");
    }

    static void Languages(StringBuilder b, PublicText t, PublicData d)
    {
        var f = d.Latest.Figures;
        b.Append($"<section aria-labelledby=\"lg-h\"><h2 id=\"lg-h\">{E(t.F("LanguagesHeading", t.Month(f.Month)))}</h2><table><thead><tr><th scope=\"col\">{E(t["Language"])}</th>"
            + $"<th scope=\"col\" class=\"num\">{E(t["Invited"])}</th><th scope=\"col\" class=\"num\">{E(t["Responses"])}</th><th scope=\"col\" class=\"num\">{E(t["ResponseRate"])}</th><th scope=\"col\" class=\"num\">{E(t["Range"])}</th></tr></thead><tbody>");
        foreach (var (code, r) in f.ByLanguage)
        {
            // A rate over fewer than MinResponses answers would tell a neighbour who answered.
            var shown = r.Responses >= t.Min && r.ResponseRate is not null;
            b.Append($"<tr><th scope=\"row\">{E(PublicText.LanguageName(code))}</th><td class=\"num\">{E(t.Count(r.Invitations))}</td><td class=\"num\">{E(t.Count(r.Responses))}</td>"
                + $"<td class=\"num\">{E(shown ? Format.Percent(r.ResponseRate!.Value) : t["Withheld"])}</td><td class=\"num\">{(shown && r.ResponseRateCi95 is { } ci ? E(Format.Interval(ci, Format.Percent)) : "")}</td></tr>");
        }
        b.Append("</tbody></table></section>");
    }

    static void Neighborhoods(StringBuilder b, PublicText t, PublicData d)
    {
        b.Append($"<nav aria-labelledby=\"nb-h\"><h2 id=\"nb-h\">{E(t["NeighborhoodsHeading"])}</h2><ul class=\"links\">");
        foreach (var (code, name) in d.Neighborhoods)
            b.Append($"<li><a href=\"/public/neighborhoods/{Uri.EscapeDataString(code)}?lang={t.Lang}\">{E(name)}</a></li>");
        b.Append("</ul></nav>");
    }

    static string Layout(PublicText t, IReadOnlyList<string> offered, string title, string body, string path)
    {
        var lang = t.Lang;
        var picker = string.Join(" ", offered.Where(l => l != lang)
            .Select(l => $"<a href=\"{path}?lang={l}\" lang=\"{l}\" hreflang=\"{l}\">{E(TextCatalog.Autonym(l))}</a>"));
        return $"""
            <!DOCTYPE html>
            <html lang="{lang}"{(PublicText.RightToLeft(lang) ? " dir=\"rtl\"" : "")}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title><link rel="stylesheet" href="/public/assets/public.css"></head>
            <body><a class="skip" href="#main">{E(t["SkipToContent"])}</a><header><nav aria-label="{E(t["LanguagesNav"])}">{picker}</nav></header><main id="main">{body}</main></body></html>
            """;
    }

    // Every script as itself, not as &#x..; entities: a Chinese or Arabic page stays small.
    static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    static string E(string s) => Html.Encode(s);
}
