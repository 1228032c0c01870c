using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Reporting.Neighborhood;
using Surveys.Reporting.Parts;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.City;

/// <summary>
/// The city-month report: city headline figures and trends first, then every neighborhood side by
/// side in a ranked table with its chart column, then the methodology note. No resident comments:
/// a city-wide reader has no business with any one neighborhood's raw words.
/// </summary>
public static class CityReport
{
    public static byte[] Render(CityData d)
    {
        var ctx = d.Context;
        var status = d.Current.Preliminary ? "PRELIMINARY" : "final";
        var c = new Canvas($"City-wide trust report, {Format.MonthName(ctx.Month)}", ctx.Agency,
            $"{ctx.Agency} · City-wide · {Format.MonthName(ctx.Month)} · {status}");

        c.NewPage();
        ReportHeader.Draw(c, ctx, "City-wide trust report",
            $"Monthly trust report · {Format.MonthName(ctx.Month)} · {d.Neighborhoods.Count} neighborhoods", d.Current.Preliminary);
        var brief = Summary.For(d.Current, d.Previous, "the city", ctx);
        brief.AddRange(Neighborhoods(d.Neighborhoods, d.Current, ctx.MinResponses));
        brief.Add(Summary.Status(d.Current, ctx.Month));
        if (Summary.Late(d.Late, ctx.Month) is { } late) brief.Add(late);
        ReportHeader.Summary(c, brief);
        Tiles.Draw(c, Tiles.For(d.Current, d.Previous, ctx.MinResponses));
        c.Heading("The last twelve months", 8);
        NeighborhoodReport.Trends(c, d.Trend, null, "City", ctx.MinResponses);
        c.Heading("Survey items", 4);
        ItemTable.Draw(c, d.Current, d.Previous, ctx.MinResponses);

        c.NewPage();
        c.Heading("Neighborhoods, ranked by overall satisfaction", 0);
        if (d.Neighborhoods.Count == 0)
            c.Paragraph("No neighborhood is configured yet.", Styles.Body, Styles.Muted, Canvas.Left, Canvas.Width, 12);
        else
            RankedTable.Draw(c, d.Neighborhoods, d.Current, ctx.MinResponses);
        c.Heading("By contact type");
        BreakdownTables.ByContactType(c, d.Types, ctx.MinResponses);
        FollowUpBlock.Draw(c, d.FollowUps, ctx.MinResponses);
        c.Heading("Who answered");
        WhoAnswered.Draw(c, d.Current, d.Types);

        c.NewPage();
        CityLoop.Draw(c, d.Loop, d.Neighborhoods.Select(r => r.Neighborhood).ToList(), ctx);
        c.Heading("How to read this report", keepWith: Methodology.Height);
        Methodology.Draw(c, ctx, comments: false);
        return c.ToBytes();
    }

    /// <summary>Where to look: how many neighborhoods have figures, the extremes, and who is really below the city.</summary>
    static IEnumerable<string> Neighborhoods(IReadOnlyList<NeighborhoodRow> rows, FigureSet city, int minResponses)
    {
        var rated = rows.Where(r => Headline.Overall(r.Current).Value is not null)
            .OrderByDescending(r => Headline.Overall(r.Current).Value).ToList();
        var withheld = rows.Count - rated.Count;
        var counts = $"{rated.Count} of {rows.Count} neighborhoods have figures this month" +
                     (withheld > 0 ? $"; {withheld} are withheld ({Format.Withheld(minResponses)})." : ".");
        if (rated.Count >= 2)
        {
            string Name(NeighborhoodRow r) => $"{r.Neighborhood.Name} ({Format.Mean(Headline.Overall(r.Current).Value!.Value)})";
            counts += $" Highest overall satisfaction: {Name(rated[0])}; lowest: {Name(rated[^1])}.";
        }
        yield return counts;
        var below = rated.Where(r => Headline.VsCity(Headline.Overall(r.Current)).Kind == ChangeKind.RealDown)
            .Select(r => r.Neighborhood.Name).ToList();
        if (below.Count > 0) yield return $"Really below the rest of the city on overall satisfaction (the gap's 95% interval excludes zero): {Names(below)}.";
        var falls = rated.Where(r => Headline.Compare(Headline.Overall(r.Current), Headline.Overall(r.Previous)).Kind == ChangeKind.RealDown)
            .Select(r => r.Neighborhood.Name).ToList();
        if (falls.Count > 0) yield return $"Real fall from last month in overall satisfaction: {Names(falls)}.";
    }

    /// <summary>At most eight names, lowest first as ranked, so a big city's summary stays a summary.</summary>
    static string Names(List<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : $"{string.Join(", ", names.TakeLast(8).Reverse())} and {names.Count - 8} more (see the table)";
}
