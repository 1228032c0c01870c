using System.Globalization;
using PdfSharp.Drawing;
using Surveys.Figures;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Pdf;

/// <summary>How the answers 1–5 split for each item: one 100% bar per item, withheld items in words.</summary>
public static class DistributionChart
{
    const double RowHeight = 17, LabelWidth = 118, CountWidth = 52;

    public static void Draw(Canvas c, IReadOnlyList<(string Label, ItemFigures Item)> rows, int minResponses)
    {
        var height = 18 + rows.Count * RowHeight;
        c.EnsureSpace(height);
        var box = new XRect(Canvas.Left, c.Y, Canvas.Width, height);
        c.Figure(AltText(rows, minResponses), box, g =>
        {
            var barX = box.X + LabelWidth;
            var barWidth = box.Width - LabelWidth - CountWidth;
            Legend(g, barX, box.Y + 8);
            for (var r = 0; r < rows.Count; r++)
            {
                var (label, item) = rows[r];
                var top = box.Y + 16 + r * RowHeight;
                g.DrawString(label, Styles.Small, Styles.Brush(Styles.Ink), box.X, top + 10.5);
                g.DrawString($"n = {Format.Count(item.N)}", Styles.Small, Styles.Brush(Styles.Muted), box.Right, top + 10.5, Align.Right);
                if (item.Distribution is not { } counts || item.N == 0)
                {
                    g.DrawRectangle(Styles.Brush(Styles.Withheld), barX, top + 2, barWidth, RowHeight - 4);
                    g.DrawString(Format.Withheld(minResponses), Styles.Small, Styles.Brush(Styles.Muted), barX + barWidth / 2, top + 10.5, Align.Center);
                    continue;
                }
                var x = barX;
                for (var a = 0; a < 5; a++)
                {
                    var share = (double)counts[a] / item.N;
                    var w = share * barWidth;
                    g.DrawRectangle(Styles.Brush(Styles.Answers[a]), x, top + 2, w, RowHeight - 4);
                    var text = Share(share);
                    if (w > g.MeasureString(text, Styles.Tiny).Width + 3)
                        g.DrawString(text, Styles.Tiny, a is 0 or 4 ? XBrushes.White : Styles.Brush(Styles.Ink), x + w / 2, top + 10.5, Align.Center);
                    x += w;
                }
            }
        });
        c.Y += height + 4;
    }

    static void Legend(XGraphics g, double x, double y)
    {
        g.DrawString("Answer:", Styles.Tiny, Styles.Brush(Styles.Muted), x, y);
        x += 30;
        string[] names = ["1 (worst)", "2", "3", "4", "5 (best)"];
        for (var a = 0; a < 5; a++)
        {
            g.DrawRectangle(Styles.Brush(Styles.Answers[a]), x, y - 5.5, 9, 6);
            g.DrawString(names[a], Styles.Tiny, Styles.Brush(Styles.Ink), x + 12, y);
            x += 18 + g.MeasureString(names[a], Styles.Tiny).Width;
        }
    }

    static string Share(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    static string AltText(IReadOnlyList<(string Label, ItemFigures Item)> rows, int minResponses) =>
        "Chart, share of answers 1 (worst) to 5 (best) per item. " + string.Join(" ", rows.Select(r =>
            r.Item.Distribution is { } d && r.Item.N > 0
                ? $"{r.Label}, n = {r.Item.N}: " + string.Join(", ", d.Select((count, a) => $"{a + 1}: {Share((double)count / r.Item.N)}")) + "."
                : $"{r.Label}: {Format.Withheld(minResponses)}."));
}
