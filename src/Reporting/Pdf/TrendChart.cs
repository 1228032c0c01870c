using PdfSharp.Drawing;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Pdf;

/// <summary>One month of a series; Value null means withheld (fewer than MinResponses answers).</summary>
public sealed record TrendPoint(string Month, double? Value, double? Low, double? High);

public sealed record TrendSeries(string Name, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// Twelve months of one measure: the series with its 95% band, a dashed comparison line (the
/// city), and withheld months shaded and labelled in words, never plotted.
/// </summary>
public static class TrendChart
{
    public static void Draw(Canvas c, XRect box, string title, TrendSeries main, TrendSeries? reference,
        double min, double max, double[] ticks, Func<double, string> show, int minResponses, Func<double, string> tickLabel)
    {
        c.Use(main.Name);
        if (reference is not null) c.Use(reference.Name);
        c.Figure(AltText(title, main, reference, show, minResponses), box, g =>
        {
            g.DrawString(title, Styles.BodyBold, Styles.Brush(Styles.Navy), box.X, box.Y + 9);
            Legend(g, box.X, box.Y + 20, main.Name, reference?.Name);
            var plot = new XRect(box.X + 24, box.Y + 28, box.Width - 30, box.Height - 28 - 22);
            var column = plot.Width / main.Points.Count;
            double X(int i) => plot.X + column * (i + 0.5);
            double Y(double v) => plot.Bottom - (Math.Clamp(v, min, max) - min) / (max - min) * plot.Height;

            foreach (var tick in ticks)
            {
                g.DrawLine(Styles.Pen(Styles.Rule, 0.35), plot.X, Y(tick), plot.Right, Y(tick));
                g.DrawString(tickLabel(tick), Styles.Tiny, Styles.Brush(Styles.Muted), plot.X - 3, Y(tick) + 2.2, Align.Right);
            }
            for (var i = 0; i < main.Points.Count; i++)
            {
                var p = main.Points[i];
                if (p.Value is null) Withheld(g, new XRect(plot.X + column * i + 0.6, plot.Y, column - 1.2, plot.Height), minResponses);
                g.DrawString(Format.MonthShort(p.Month), Styles.Tiny, Styles.Brush(Styles.Muted), X(i), plot.Bottom + 8, Align.Center);
                if (i == 0 || p.Month.EndsWith("-01", StringComparison.Ordinal))
                    g.DrawString(p.Month[..4], Styles.Tiny, Styles.Brush(Styles.Muted), X(i), plot.Bottom + 15, Align.Center);
            }
            foreach (var run in Runs(main.Points))
            {
                if (run.Count > 1)
                {
                    var band = run.Select(i => new XPoint(X(i), Y(main.Points[i].High ?? main.Points[i].Value!.Value)))
                        .Concat(run.AsEnumerable().Reverse().Select(i => new XPoint(X(i), Y(main.Points[i].Low ?? main.Points[i].Value!.Value))));
                    g.DrawPolygon(Styles.Brush(Styles.Band), band.ToArray(), XFillMode.Winding);
                }
                else if (main.Points[run[0]] is { Low: { } low, High: { } high })
                    g.DrawLine(new XPen(Styles.Band, 4), X(run[0]), Y(low), X(run[0]), Y(high));
            }
            if (reference is not null)
                foreach (var run in Runs(reference.Points).Where(r => r.Count > 1))
                    g.DrawLines(new XPen(Styles.CityLine, 1) { DashStyle = XDashStyle.Dash },
                        run.Select(i => new XPoint(X(i), Y(reference.Points[i].Value!.Value))).ToArray());
            foreach (var run in Runs(main.Points))
            {
                if (run.Count > 1) g.DrawLines(new XPen(Styles.Line, 1.6), run.Select(i => new XPoint(X(i), Y(main.Points[i].Value!.Value))).ToArray());
                foreach (var i in run) g.DrawEllipse(Styles.Brush(Styles.Line), X(i) - 1.8, Y(main.Points[i].Value!.Value) - 1.8, 3.6, 3.6);
            }
            var last = main.Points.Count - 1;
            if (main.Points[last].Value is { } v)
                g.DrawString(show(v), Styles.SmallBold, Styles.Brush(Styles.Line), X(last), Y(v) - 5, Align.Center);
            g.DrawRectangle(Styles.Pen(Styles.Rule, 0.5), plot);
        });
    }

    static void Legend(XGraphics g, double x, double y, string main, string? reference)
    {
        g.DrawLine(new XPen(Styles.Line, 1.6), x, y - 2.5, x + 12, y - 2.5);
        g.DrawString(main, Styles.Tiny, Styles.Brush(Styles.Ink), x + 15, y);
        x += 20 + g.MeasureString(main, Styles.Tiny).Width;
        g.DrawRectangle(Styles.Brush(Styles.Band), x, y - 5.5, 12, 6);
        g.DrawString("95% interval", Styles.Tiny, Styles.Brush(Styles.Ink), x + 15, y);
        if (reference is null) return;
        x += 20 + g.MeasureString("95% interval", Styles.Tiny).Width;
        g.DrawLine(new XPen(Styles.CityLine, 1) { DashStyle = XDashStyle.Dash }, x, y - 2.5, x + 12, y - 2.5);
        g.DrawString(reference, Styles.Tiny, Styles.Brush(Styles.Ink), x + 15, y);
    }

    /// <summary>A withheld month: shaded, with the suppression wording written up the column.</summary>
    static void Withheld(XGraphics g, XRect column, int minResponses)
    {
        g.DrawRectangle(Styles.Brush(Styles.Withheld), column);
        var state = g.Save();
        var centre = new XPoint(column.X + column.Width / 2 + 2.2, column.Y + column.Height / 2);
        g.RotateAtTransform(-90, centre);
        g.DrawString(Format.Withheld(minResponses), Styles.Tiny, Styles.Brush(Styles.Muted), centre, Align.Center);
        g.Restore(state);
    }

    /// <summary>Consecutive indexes with a value: lines and bands never bridge a withheld month.</summary>
    static List<List<int>> Runs(IReadOnlyList<TrendPoint> points)
    {
        var runs = new List<List<int>>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is null) continue;
            if (i == 0 || points[i - 1].Value is null) runs.Add([]);
            runs[^1].Add(i);
        }
        return runs;
    }

    static string AltText(string title, TrendSeries main, TrendSeries? reference, Func<double, string> show, int minResponses)
    {
        string Describe(TrendSeries s) => $"{s.Name}: " + string.Join("; ", s.Points.Select(p =>
            $"{Format.MonthShortYear(p.Month)} {(p.Value is { } v ? show(v) + (p.Low is { } l && p.High is { } h ? $" (95% {show(l)} to {show(h)})" : "") : Format.Withheld(minResponses))}"));
        return $"Chart, {title}. {Describe(main)}." + (reference is null ? "" : $" {Describe(reference)}.");
    }
}
