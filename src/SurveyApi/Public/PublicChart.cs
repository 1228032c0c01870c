using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Surveys.Api.Public;

/// <summary>One month of a trend: the value and its 95% interval, all null when withheld.</summary>
public sealed record ChartPoint(string Label, double? Value, double? Low, double? High);

/// <summary>
/// A twelve-month trend as inline SVG: no script and no style attribute (the CSP allows only our
/// stylesheet), so colours are presentation attributes. Points with their 95% interval as a bar;
/// a withheld month is a gap, never a zero. The caller puts the data table beside it.
/// </summary>
public static class PublicChart
{
    const int Width = 320, Height = 150, Left = 34, Right = 8, Top = 8, Bottom = 22;

    public static string Svg(string id, string title, string description, IReadOnlyList<ChartPoint> points, double min, double max,
        Func<double, string> tick)
    {
        var b = new StringBuilder();
        b.Append($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" focusable=\"false\" direction=\"ltr\">");
        b.Append($"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(description)}</desc>");
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(int i) => Left + (points.Count == 1 ? plotW / 2 : plotW * i / (points.Count - 1));
        double Y(double v) => Top + plotH * (1 - (Math.Clamp(v, min, max) - min) / (max - min));
        for (var g = 0; g <= 4; g++)
        {
            var v = min + (max - min) * g / 4;
            b.Append($"<line x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(Y(v))}\" y2=\"{N(Y(v))}\" stroke=\"#d0d4da\" stroke-width=\"1\"/>");
            b.Append($"<text x=\"{N(Left - 4)}\" y=\"{N(Y(v) + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#333\">{E(tick(v))}</text>");
        }
        for (var i = 0; i < points.Count; i += 3)
            b.Append($"<text x=\"{N(X(i))}\" y=\"{Height - 6}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{E(points[i].Label)}</text>");
        // The line joins neighbouring shown months only: a withheld month breaks it.
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

    static string N(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);
    // Every script as itself, not as &#x..; entities: a Chinese or Arabic page stays small.
    static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    static string E(string s) => Html.Encode(s);
}
