using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Reporting.Parts;

/// <summary>The neighborhood beside the city, and figures by contact type.</summary>
public static class BreakdownTables
{
    public static void Comparison(Canvas c, string name, FigureSet area, FigureSet city, int minResponses)
    {
        Column[] columns = [new("Measure", 150), new(name, 130, true), new("City-wide", 130, true), new("Difference from the\nrest of the city", 122)];
        var measures = new List<(Measure Area, Measure City)>
        {
            (Headline.ResponseRate(area), Headline.ResponseRate(city)),
        };
        measures.AddRange(Instrument.Items.Select(k => (Headline.Item(area, k), Headline.Item(city, k))));
        measures.Add((Headline.Trust(area), Headline.Trust(city)));
        measures.Add((Headline.ProceduralJustice(area), Headline.ProceduralJustice(city)));

        var rows = measures.Select(m => (IReadOnlyList<Cell>)
        [
            m.Area.Label, Value(m.Area, minResponses), Value(m.City, minResponses),
            m.Area.Withheld || m.City.Withheld
                ? new Cell("—", Color: Styles.Muted)
                : ItemTable.ChangeCell(m.Area, m.City, minResponses, "higher", "lower", given: Headline.VsCity(m.Area, m.City)),
        ]);
        Table.Draw(c, columns, rows);
    }

    public static void ByContactType(Canvas c, IReadOnlyList<TypeFigures> types, int minResponses)
    {
        if (types.Count == 0)
        {
            c.Paragraph("No contact of a surveyed type was recorded this month.", Styles.Body, Styles.Muted, Canvas.Left, Canvas.Width, 12);
            return;
        }
        Column[] columns =
        [
            new("Contact type", 124), new("Invited", 48, true), new("Responses", 54, true), new("Response\nrate", 54, true),
            new("Overall satisfaction\n(mean, 95% interval)", 126, true), new("% positive (overall)\n(95% interval)", 126, true),
        ];
        var rows = types.Select<TypeFigures, IReadOnlyList<Cell>>(t =>
        {
            var f = t.Figures;
            var overall = Headline.Overall(f);
            var item = f.Items[Instrument.Overall];
            IReadOnlyList<Cell> head = [Format.ContactType(t.ContactType), Format.Count(f.Invitations), Format.Count(f.Responses),
                f.ResponseRate is { } rate ? Format.Percent(rate) : "—"];
            if (overall.Withheld) return [.. head, new Cell(Format.Withheld(minResponses), 2, Color: Styles.Muted)];
            return [.. head, Value(overall, minResponses), $"{Format.Percent(item.PctPositive!.Value)} ({Format.Interval(item.PctPositiveCi95!, Format.Percent)})"];
        });
        Table.Draw(c, columns, rows);
    }

    /// <summary>"4.21 (4.03–4.39)", or the suppression wording.</summary>
    public static Cell Value(Measure m, int minResponses) => m.Value is { } v
        ? new Cell(m.Ci is { } ci ? $"{m.Show(v)} ({Format.Interval(ci, m.Show)})" : m.Show(v))
        : new Cell(m.DeltaPattern == Format.Points ? "no invitations" : Format.Withheld(minResponses), Color: Styles.Muted);
}
