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
            (Headline.ResponseRate(now), Headline.ResponseRate(before), "share who answered"),
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
        // A rate without invitations is not withheld, it does not exist.
        if (now.Value is null && now.DeltaPattern == Format.Points)
            return new Tile(now.Label, "—", ["no invitations"], "no comparison", ChangeKind.None);
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
            c.Block(t.Label, Styles.SmallBold, Styles.Navy, x + 6, top + 4, width - 10, 9);
            var y = top + 42;
            if (t.Value is not null)
            {
                // 100,000,000 responses city-wide must still fit its tile.
                var font = c.G.MeasureString(t.Value, Styles.TileValue).Width <= width - 10 ? Styles.TileValue : Styles.Heading;
                c.Text(t.Value, font, Styles.Ink, x + 6, y);
            }
            else
            {
                // Withheld: the suppression wording takes the value's place, never a number.
                c.Block(t.Details[0], Styles.BodyBold, Styles.Muted, x + 6, top + 24, width - 10, 10.5);
            }
            y += 12;
            foreach (var line in t.Value is null ? t.Details.Skip(1) : t.Details)
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
            if (mark.Length == 0) c.Block(t.Change, Styles.Small, Styles.Ink, x + 6, top + Height - 23, width - 10, 9); // may take two lines
            else
            {
                c.Text(TextLayout.Ellipsis(c.G, t.Change, Styles.Small, width - 10), Styles.Small, Styles.Ink, x + 6, top + Height - 16);
                c.Text(mark, Styles.SmallBold, color, x + 6, top + Height - 6);
            }
        }
        c.Y = top + Height + 6;
    }
}
