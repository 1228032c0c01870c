using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Measures and draws a line whatever its scripts: put into visual order (<see cref="Bidi"/>),
/// split into runs of one face each (<see cref="Scripts"/>), each run drawn in the report font's
/// size and weight in its own face, left to right. Every variable string goes through here.
/// </summary>
public static class TextRuns
{
    static readonly ConcurrentDictionary<(string, double, XFontStyleEx), XFont> Fonts = new();

    static XFont In(XFont font, string family) => family == ReportFonts.Family ? font
        : Fonts.GetOrAdd((family, font.Size, font.Style), k => new XFont(k.Item1, k.Item2, k.Item3, new XPdfFontOptions(PdfFontEncoding.Unicode)));

    static IEnumerable<(XFont Font, string Text)> Runs(string text, XFont font) =>
        Scripts.Split(Bidi.Visual(text)).Select(r => (In(font, r.Family), r.Text));

    public static double Width(XGraphics g, string text, XFont font) =>
        Runs(text, font).Sum(r => g.MeasureString(r.Text, r.Font).Width);

    /// <summary>Draws on the baseline at <paramref name="y"/>, aligned to <paramref name="x"/> as <paramref name="format"/> says.</summary>
    public static void Draw(XGraphics g, string text, XFont font, XBrush brush, double x, double y, XStringFormat? format = null)
    {
        var runs = Runs(text, font).ToList();
        if (runs.Count == 1 && runs[0].Font == font) { g.DrawString(runs[0].Text, font, brush, x, y, format ?? Align.Left); return; }
        var widths = runs.Select(r => g.MeasureString(r.Text, r.Font).Width).ToList();
        x -= (format?.Alignment ?? XStringAlignment.Near) switch
        {
            XStringAlignment.Far => widths.Sum(),
            XStringAlignment.Center => widths.Sum() / 2,
            _ => 0,
        };
        for (var i = 0; i < runs.Count; i++)
        {
            g.DrawString(runs[i].Text, runs[i].Font, brush, x, y, Align.Left);
            x += widths[i];
        }
    }
}
