using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Surveys.Reporting.Pdf;

namespace Surveys.Api.Figures;

/// <summary>One month of a trend: its label, the value and its 95% interval, all null when withheld.</summary>
public sealed record ChartPoint(string Label, double? Value, double? Low, double? High);

/// <summary>The chart's box in SVG units, its margins, and how often a month is labelled.</summary>
public sealed record ChartFrame(int Width, int Height, int Left, int Right, int Top, int Bottom, int LabelEvery)
{
    public static readonly ChartFrame Console = new(560, 200, 40, 30, 12, 28, 2), Phone = new(320, 150, 34, 8, 8, 22, 3);
}

/// <summary>
/// A month-by-month line as inline SVG, for the console's figures pages and the public pages: no
/// script and no style attribute (the CSP allows only our stylesheet), so colours are presentation
/// attributes; the value with its 95% interval as a bar, a withheld month a gap, never a zero. The
/// SVG is an image named by a text alternative; a data table beside it carries every figure, so
/// nothing is read from the picture alone. Numbers stay left to right on right-to-left pages.
/// </summary>
public static class TrendChart
{
    // Every script as itself, not as &#x..; entities: a Chinese or Arabic page stays small.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    static string E(string s) => Encoder.Encode(s);

    public static string Svg(string id, string title, string description, IReadOnlyList<ChartPoint> points, double min, double max,
        IReadOnlyList<double> ticks, Func<double, string> tick, ChartFrame f, string cssClass = "chart")
    {
        var b = new StringBuilder();
        b.Append($"<svg class=\"{cssClass}\" viewBox=\"0 0 {f.Width} {f.Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" focusable=\"false\" direction=\"ltr\" ")
            .Append("xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\" font-family=\"system-ui, sans-serif\">");
        b.Append($"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>");
        double plotW = f.Width - f.Left - f.Right, plotH = f.Height - f.Top - f.Bottom;
        double X(int i) => f.Left + (points.Count == 1 ? plotW / 2 : plotW * i / (points.Count - 1));
        double Y(double v) => f.Top + plotH * (1 - (Math.Clamp(v, min, max) - min) / (max - min));
        foreach (var t in ticks)
            b.Append($"<line x1=\"{f.Left}\" x2=\"{f.Width - f.Right}\" y1=\"{N(Y(t))}\" y2=\"{N(Y(t))}\" stroke=\"#d0d4da\" stroke-width=\"1\"/>")
             .Append($"<text x=\"{f.Left - 4}\" y=\"{N(Y(t) + 4)}\" text-anchor=\"end\" fill=\"#333\">{E(tick(t))}</text>");
        // Labels counted back from the last month, so the latest is always named.
        for (var i = points.Count - 1; i >= 0; i -= f.LabelEvery)
            b.Append($"<text x=\"{N(X(i))}\" y=\"{f.Height - 6}\" text-anchor=\"{(i == points.Count - 1 ? "end" : i == 0 ? "start" : "middle")}\" fill=\"#333\">{E(points[i].Label)}</text>");
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1) b.Append($"<polyline points=\"{string.Join(' ', run)}\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\"/>");
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v) { Flush(); continue; }
            run.Add($"{N(X(i))},{N(Y(v))}");
            if (points[i] is { Low: { } lo, High: { } hi })
                b.Append($"<line x1=\"{N(X(i))}\" x2=\"{N(X(i))}\" y1=\"{N(Y(lo))}\" y2=\"{N(Y(hi))}\" stroke=\"#6b8fb8\" stroke-width=\"3\"/>");
            b.Append($"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(v))}\" r=\"3.5\" fill=\"#0b5cad\"/>");
        }
        Flush();
        return b.Append("</svg>").ToString();
    }

    /// <summary>The console's trend: the chart, its caption and its data table (English, as the console is).</summary>
    public static string Html(string id, string title, IReadOnlyList<TrendPoint> points, double min, double max,
        IReadOnlyList<double> ticks, Func<double, string> show, string withheld)
    {
        string Value(TrendPoint p) => p.Value is { } v ? show(v) : withheld;
        string Interval(TrendPoint p) => p.Low is { } lo && p.High is { } hi ? $"{show(lo)}–{show(hi)}" : "—";
        var alt = $"{points[0].Month} to {points[^1].Month}: "
            + string.Join("; ", points.Select(p => $"{p.Month} {Value(p)}" + (p.Low is null ? "" : $" (95% interval {Interval(p)})"))) + ".";
        var rows = string.Concat(points.Select(p =>
            $"<tr><th scope=\"row\">{E(p.Month)}</th><td class=\"num\">{E(Value(p))}</td><td class=\"num\">{E(Interval(p))}</td></tr>"));
        var chart = Svg(id, title, alt, points.Select(p => new ChartPoint(p.Month, p.Value, p.Low, p.High)).ToList(), min, max, ticks,
            v => v.ToString("0.#", CultureInfo.InvariantCulture), ChartFrame.Console, "trend-chart");
        return $"<figure class=\"trend\" id=\"{id}\"><figcaption>{E(title)}</figcaption>{chart}"
            + $"<table><caption class=\"muted\">{E(title)}, by month</caption><thead><tr><th scope=\"col\">Month</th><th scope=\"col\" class=\"num\">Value</th>"
            + $"<th scope=\"col\" class=\"num\">95% interval</th></tr></thead><tbody>{rows}</tbody></table></figure>";
    }

    static string N(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);
}
