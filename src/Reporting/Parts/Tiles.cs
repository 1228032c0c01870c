using PdfSharp.Drawing;
using Surveys.Figures;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

public sealed record Tile(string Label, string? Value, IReadOnlyList<string> Details, string Change, ChangeKind Kind);

/// <summary>The five headline figures in a row: value, n, interval, and the change from last month.</summary>
public static class Tiles
{
    const double Gap = 8, Height = 104;

    public static IReadOnlyList<Tile> For(FigureSet now, FigureSet before, int minResponses)
    {
        var previous = Format.MonthShort(before.Month);
        var tiles = new List<Tile>
        {
            new("Responses", Format.Count(now.Responses), [$"of {Format.Count(now.Invitations)} invited"],
                $"{Format.Signed(now.Responses - before.Responses, "#,0")} vs {previous} ({Format.Count(before.Responses)})", ChangeKind.None),
        };
        foreach (var (measure, last, unit) in new[]
        {
            (Headline.ResponseRate(now), Headline.ResponseRate(before), "of invited residents answered"),
            (Headline.Overall(now), Headline.Overall(before), "mean, 1–5 scale"),
            (Headline.Trust(now), Headline.Trust(before), "0–100 scale"),
            (Headline.ProceduralJustice(now), Headline.ProceduralJustice(before), "0–100 scale"),
        })
            tiles.Add(From(measure, last, unit, previous, minResponses));
        return tiles;
    }

    static Tile From(Measure now, Measure before, string unit, string previous, int minResponses)
    {
        var n = now.DeltaPattern == Format.Points ? $"n = {Format.Count(now.N)} invited" : $"n = {Format.Count(now.N)}";
        if (now.Value is not { } value)
            return new Tile(now.Label, null, [Format.Withheld(minResponses), n], "no comparison", ChangeKind.None);
        var details = new List<string> { unit, n };
        if (now.Ci is { } ci) details.Add($"95%: {Format.Interval(ci, now.Show)}");
        var change = Headline.Compare(now, before);
        var text = change.Delta is { } d
            ? $"{Format.Delta(now, d)} vs {previous}"
            : before.Value is null ? $"{previous}: {Format.Withheld(minResponses)}" : "no comparison";
        return new Tile(now.Label, now.Show(value), details, text, change.Kind);
    }

    public static void Draw(Canvas c, IReadOnlyList<Tile> tiles)
    {
        c.EnsureSpace(Height + 8);
        var width = (Canvas.Width - Gap * (tiles.Count - 1)) / tiles.Count;
        var top = c.Y + 4;
        for (var i = 0; i < tiles.Count; i++)
        {
            var t = tiles[i];
            var x = Canvas.Left + i * (width + Gap);
            c.Artifact(g => g.DrawRectangle(Styles.Brush(Styles.Panel), x, top, width, Height));
            c.Text(t.Label, Styles.SmallBold, Styles.Navy, x + 6, top + 11);
            var y = top + 33;
            if (t.Value is not null) c.Text(t.Value, Styles.TileValue, Styles.Ink, x + 6, y);
            else
            {
                // Withheld: the wording takes the value's place, in words, never a number.
                c.Text("Withheld", Styles.BodyBold, Styles.Muted, x + 6, y - 4);
            }
            y += 12;
            foreach (var line in t.Details)
            {
                c.Text(TextLayout.Ellipsis(c.G, line, Styles.Small, width - 10), Styles.Small, Styles.Muted, x + 6, y);
                y += 9.5;
            }
            var (mark, color) = t.Kind switch
            {
                ChangeKind.RealUp => ("▲ real rise", Styles.Better),
                ChangeKind.RealDown => ("▼ real fall", Styles.Worse),
                ChangeKind.Noise => ("within noise", Styles.Muted),
                _ => ("", Styles.Muted),
            };
            c.Text(TextLayout.Ellipsis(c.G, t.Change, Styles.Small, width - 10), Styles.Small, Styles.Ink, x + 6, top + Height - 16);
            if (mark.Length > 0) c.Text(mark, Styles.SmallBold, color, x + 6, top + Height - 6);
        }
        c.Y = top + Height + 6;
    }
}
