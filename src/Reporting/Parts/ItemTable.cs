using Surveys.Figures;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Reporting.Parts;

/// <summary>Every survey item: n, mean and % positive with their intervals, and the change from last month.</summary>
public static class ItemTable
{
    public static void Draw(Canvas c, FigureSet now, FigureSet before, int minResponses)
    {
        Column[] columns =
        [
            new("Item", 122), new("n", 50, true), new("Mean\n(1–5)", 40, true), new("95%\ninterval", 62, true),
            new("% positive\n(4 or 5)", 52, true), new("95%\ninterval", 78, true), new($"Change in mean\nvs {Format.MonthShortYear(before.Month)}", 128),
        ];
        var rows = Instrument.Items.Select(key =>
        {
            var item = now.Items[key];
            var label = new Cell(ItemLabels.Short(key), Bold: key == Instrument.Overall);
            if (item.Mean is not { } mean)
                return (IReadOnlyList<Cell>)[label, Format.Count(item.N), new Cell(Format.Withheld(minResponses), 4, Color: Styles.Muted), "—"];
            return [label, Format.Count(item.N), Format.Mean(mean), Format.Interval(item.Ci95!, Format.Mean),
                Format.Percent(item.PctPositive!.Value), Format.Interval(item.PctPositiveCi95!, Format.Percent),
                ChangeCell(Headline.Item(now, key), Headline.Item(before, key), minResponses)];
        });
        Table.Draw(c, columns, rows);
    }

    /// <summary>"+0.12 · within noise", "▲ +0.35 · real rise", or why there is no comparison; compact for narrow columns.</summary>
    public static Cell ChangeCell(Measure now, Measure before, int minResponses, string rise = "real rise", string fall = "real fall",
        bool compact = false, Change? given = null)
    {
        var change = given ?? Headline.Compare(now, before);
        if (change.Delta is not { } delta)
            return new Cell(now.Withheld || compact ? "—" : $"{Format.MonthShort(before.Month)}: {Format.Withheld(minResponses)}",
                Color: Styles.Muted, Small: true);
        var shown = Format.Delta(now, delta);
        return change.Kind switch
        {
            ChangeKind.RealUp => new Cell(compact ? $"▲ {shown} (real)" : $"▲ {shown} · {rise}", Bold: true, Color: Styles.Better),
            ChangeKind.RealDown => new Cell(compact ? $"▼ {shown} (real)" : $"▼ {shown} · {fall}", Bold: true, Color: Styles.Worse),
            _ => new Cell(compact ? $"{shown} (noise)" : $"{shown} · within noise", Color: Styles.Muted),
        };
    }
}
