using PdfSharp.Drawing;
using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Reporting.Parts;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.City;

/// <summary>
/// Every neighborhood in one ranked table, best overall satisfaction first, with a dot-and-
/// interval chart in each row against the city mean, so the neighborhoods' spread is visible at a
/// glance. Neighborhoods with withheld figures are listed after the ranked ones, unranked.
/// </summary>
public static class RankedTable
{
    public static void Draw(Canvas c, IReadOnlyList<NeighborhoodRow> rows, FigureSet city, int minResponses)
    {
        var cityMean = city.Items[Surveys.Rules.Instrument.Overall].Mean;
        Column[] columns =
        [
            new("#", 20, true), new("Neighborhood", 84), new("Responses", 52, true), new("Response\nrate", 46, true),
            new("Overall\n(95% interval)", 74, true), new("Overall, 1 to 5\n(dot, 95% bar)", 80), new("%\npositive", 44, true),
            new("Trust\nindex", 32, true), new("PJ\nindex", 30, true), new($"Overall vs\n{Format.MonthShort(PreviousMonth(city))}", 70),
        ];
        var ranked = Rank(rows);
        var withheldIndex = false;
        var lines = ranked.Select<(int? Rank, NeighborhoodRow Row), IReadOnlyList<Cell>>(r =>
        {
            var now = Headline.Overall(r.Row.Current);
            var name = $"{r.Row.Neighborhood.Name} ({r.Row.Neighborhood.Code})";
            IReadOnlyList<Cell> head = [r.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–", name,
                Format.Count(r.Row.Current.Responses), r.Row.Current.ResponseRate is { } rate ? Format.Percent(rate) : "—"];
            if (now.Withheld) return [.. head, new Cell(Format.Withheld(minResponses), 6, Color: Styles.Muted)];
            var overall = r.Row.Current.Items[Surveys.Rules.Instrument.Overall];
            withheldIndex |= r.Row.Current.TrustIndex is null || r.Row.Current.ProceduralJusticeIndex is null;
            return [.. head, BreakdownTables.Value(now, minResponses),
                new Cell("", Graphic: (g, box) => Interval(g, box, overall, cityMean)),
                Format.Percent(overall.PctPositive!.Value), Index(r.Row.Current.TrustIndex), Index(r.Row.Current.ProceduralJusticeIndex),
                ItemTable.ChangeCell(now, Headline.Overall(r.Row.Previous), minResponses, compact: true)];
        }).ToList();
        Table.Draw(c, columns, lines, Styles.Small, Styles.SmallBold, 12);
        var notes = new List<string>
        {
            "Chart column: the dot is the neighborhood's mean overall satisfaction on the 1–5 scale, the bar its 95% interval, " +
            "the dashed line the city mean. The summary calls a neighborhood really below the city only when the 95% interval of " +
            "its gap from the rest of the city excludes zero; a bar touching the line can still be a real gap.",
        };
        if (withheldIndex) notes.Add($"* withheld: {Format.Withheld(minResponses)} to the trust or procedural-justice items.");
        foreach (var note in notes) c.Paragraph(note, Styles.Tiny, Styles.Muted, Canvas.Left, Canvas.Width, 8.5);
    }

    static string PreviousMonth(FigureSet city) => Surveys.Rules.Months.Shift(city.Month, -1);

    static Cell Index(double? value) => value is { } v ? new Cell(Format.Index(v)) : new Cell("*", Color: Styles.Muted);

    static List<(int? Rank, NeighborhoodRow Row)> Rank(IReadOnlyList<NeighborhoodRow> rows)
    {
        var rated = rows.Where(r => Headline.Overall(r.Current).Value is not null)
            .OrderByDescending(r => Headline.Overall(r.Current).Value).ThenBy(r => r.Neighborhood.Code, StringComparer.Ordinal)
            .Select((r, i) => ((int?)(i + 1), r));
        var withheld = rows.Where(r => Headline.Overall(r.Current).Value is null)
            .OrderBy(r => r.Neighborhood.Code, StringComparer.Ordinal).Select(r => ((int?)null, r));
        return rated.Concat(withheld).ToList();
    }

    static void Interval(XGraphics g, XRect box, ItemFigures item, double? cityMean)
    {
        double X(double v) => box.X + 6 + (Math.Clamp(v, 1, 5) - 1) / 4 * (box.Width - 12);
        var y = box.Y + box.Height / 2;
        g.DrawLine(Styles.Pen(Styles.Rule, 0.3), X(1), y, X(5), y);
        if (cityMean is { } m)
            g.DrawLine(new XPen(Styles.CityLine, 0.7) { DashStyle = XDashStyle.Dash }, X(m), box.Y + 1.5, X(m), box.Bottom - 1.5);
        g.DrawLine(new XPen(Styles.Line, 2.2), X(item.Ci95![0]), y, X(item.Ci95[1]), y);
        g.DrawEllipse(Styles.Brush(Styles.Navy), X(item.Mean!.Value) - 2.2, y - 2.2, 4.4, 4.4);
    }
}
