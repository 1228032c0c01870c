using System.Globalization;
using System.Text;
using Surveys.Reporting.Pdf;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Figures;

/// <summary>
/// A month-by-month line as inline SVG (no script), for the console's figures pages and later the
/// public pages: the value with its 95% interval as a bar, withheld months left as gaps. The SVG
/// is an image named by a text alternative carrying every figure, and a data table follows it, so
/// nothing is read from the picture alone. Takes the PDF charts' points (Reporting's TrendPoint).
/// </summary>
public static class TrendChart
{
    const double W = 560, H = 200, Left = 40, Right = 30, Top = 12, Bottom = 28;

    public static string Html(string id, string title, IReadOnlyList<TrendPoint> points, double min, double max,
        IReadOnlyList<double> ticks, Func<double, string> show, string withheld)
    {
        static string Tick(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        return Html(id, title, points, min, max, ticks, show, withheld, Tick);
    }

    public static string Html(string id, string title, IReadOnlyList<TrendPoint> points, double min, double max,
        IReadOnlyList<double> ticks, Func<double, string> show, string withheld, Func<double, string> tick)
    {
        string Value(TrendPoint p) => p.Value is { } v ? show(v) : withheld;
        string Interval(TrendPoint p) => p.Low is { } lo && p.High is { } hi ? $"{show(lo)}–{show(hi)}" : "—";
        var alt = $"{title}, {points[0].Month} to {points[^1].Month}: "
            + string.Join("; ", points.Select(p => $"{p.Month} {Value(p)}" + (p.Low is null ? "" : $" (95% interval {Interval(p)})"))) + ".";
        var rows = string.Concat(points.Select(p =>
            $"<tr><th scope=\"row\">{E(p.Month)}</th><td class=\"num\">{E(Value(p))}</td><td class=\"num\">{E(Interval(p))}</td></tr>"));
        return $"<figure class=\"trend\" id=\"{id}\"><figcaption>{E(title)}</figcaption>{Svg(id, alt, points, min, max, ticks, tick)}"
            + $"<table><caption class=\"muted\">{E(title)}, by month</caption><thead><tr><th scope=\"col\">Month</th><th scope=\"col\" class=\"num\">Value</th>"
            + $"<th scope=\"col\" class=\"num\">95% interval</th></tr></thead><tbody>{rows}</tbody></table></figure>";
    }

    static string Svg(string id, string alt, IReadOnlyList<TrendPoint> points, double min, double max, IReadOnlyList<double> ticks, Func<double, string> tick)
    {
        var step = (W - Left - Right) / Math.Max(1, points.Count - 1);
        string X(int i) => N(Left + i * step);
        string Y(double v) => N(Top + (max - Math.Clamp(v, min, max)) / (max - min) * (H - Top - Bottom));
        var svg = new StringBuilder($"<svg viewBox=\"0 0 {N(W)} {N(H)}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-alt\" "
            + "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\" font-family=\"system-ui, sans-serif\">");
        svg.Append($"<title id=\"{id}-alt\">{E(alt)}</title>");
        foreach (var t in ticks)
            svg.Append($"<line x1=\"{N(Left)}\" x2=\"{N(W - Right)}\" y1=\"{Y(t)}\" y2=\"{Y(t)}\" stroke=\"#d0d7e0\"/>")
               .Append($"<text x=\"{N(Left - 4)}\" y=\"{Y(t)}\" dy=\"4\" text-anchor=\"end\" fill=\"#4a4a4a\">{E(tick(t))}</text>");
        for (var i = 0; i < points.Count; i++)
        {
            if ((points.Count - 1 - i) % 2 == 0) // every other month labelled, counting back from the last
                svg.Append($"<text x=\"{X(i)}\" y=\"{N(H - 10)}\" text-anchor=\"middle\" fill=\"#4a4a4a\">{E(points[i].Month)}</text>");
            if (points[i] is { Low: { } lo, High: { } hi })
                svg.Append($"<line x1=\"{X(i)}\" x2=\"{X(i)}\" y1=\"{Y(lo)}\" y2=\"{Y(hi)}\" stroke=\"#9db8d9\" stroke-width=\"4\"/>");
        }
        // One polyline per unbroken stretch: a withheld month is a gap, not a line through it.
        var stretch = new List<string>();
        void Flush() { if (stretch.Count > 1) svg.Append($"<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"{string.Join(' ', stretch)}\"/>"); stretch.Clear(); }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is not { } v) { Flush(); continue; }
            stretch.Add($"{X(i)},{Y(v)}");
            svg.Append($"<circle cx=\"{X(i)}\" cy=\"{Y(v)}\" r=\"3\" fill=\"#1f5fa8\"/>");
        }
        Flush();
        return svg.Append("</svg>").ToString();
    }

    static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
