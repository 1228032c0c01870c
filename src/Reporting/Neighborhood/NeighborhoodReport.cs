using PdfSharp.Drawing;
using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Reporting.Parts;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;
using Surveys.Rules;

namespace Surveys.Reporting.Neighborhood;

/// <summary>
/// The neighborhood-month report, four Letter pages: the headline page (what changed, tiles,
/// items, trends), the detail page (answers, the city beside it, contact types), what we heard
/// and what we did (meetings, concerns, problems and whether residents noticed), and the
/// residents' own words with the methodology note.
/// </summary>
public static class NeighborhoodReport
{
    public static byte[] Render(NeighborhoodData d)
    {
        var ctx = d.Context;
        var n = d.Neighborhood;
        var status = d.Current.Preliminary ? "PRELIMINARY" : "final";
        var c = new Canvas($"Trust report: {n.Name} ({n.Code}), {Format.MonthName(ctx.Month)}", ctx.Agency,
            $"{ctx.Agency} · {n.Name} ({n.Code}) · {Format.MonthName(ctx.Month)} · {status}");

        c.NewPage();
        var lieutenant = string.IsNullOrWhiteSpace(n.Lieutenant) ? "no lieutenant assigned" : $"Lieutenant: {n.Lieutenant}";
        ReportHeader.Draw(c, ctx, $"{n.Name} ({n.Code})", $"Monthly trust report · {Format.MonthName(ctx.Month)} · {lieutenant}", d.Current.Preliminary);
        var brief = Summary.For(d.Current, d.Previous, $"{n.Name}", ctx);
        brief.AddRange(Summary.WhereToLook(d.Current, d.City, d.Types));
        brief.Add(Summary.Status(d.Current, ctx.Month));
        if (Summary.Late(d.Late, ctx.Month) is { } late) brief.Add(late);
        ReportHeader.Summary(c, brief);
        Tiles.Draw(c, Tiles.For(d.Current, d.Previous, ctx.MinResponses));
        c.Heading("Survey items", 8);
        ItemTable.Draw(c, d.Current, d.Previous, ctx.MinResponses);
        c.Heading("The last twelve months", 6);
        Trends(c, d.Trend, d.CityTrend, n.Name, ctx.MinResponses);

        c.NewPage();
        c.Heading("How residents answered", 0);
        DistributionChart.Draw(c, Instrument.Items.Select(k => (ItemLabels.Short(k), d.Current.Items[k])).ToList(), ctx.MinResponses);
        c.Heading($"{n.Name} beside the city");
        BreakdownTables.Comparison(c, n.Name, d.Current, d.City, ctx.MinResponses);
        c.Heading("By contact type");
        BreakdownTables.ByContactType(c, d.Types, ctx.MinResponses);
        FollowUpBlock.Draw(c, d.FollowUps, ctx.MinResponses);
        c.Heading("Who answered");
        WhoAnswered.Draw(c, d.Current, d.Types);

        c.NewPage();
        LoopPage.Draw(c, d.Loop, ctx, n.Name);

        c.NewPage();
        c.Heading("What residents said", 0);
        ResidentComments(c, d.Comments);
        c.Heading("How to read this report", keepWith: Methodology.Height);
        Methodology.Draw(c, ctx, comments: true);
        return c.ToBytes();
    }

    /// <summary>Overall satisfaction and the trust index side by side, each with the city as a dashed line.</summary>
    public static void Trends(Canvas c, IReadOnlyList<FigureSet> area, IReadOnlyList<FigureSet>? city, string name, int minResponses)
    {
        const double height = 170, gap = 16;
        c.EnsureSpace(height);
        var width = (Canvas.Width - gap) / 2;
        TrendChart.Draw(c, new XRect(Canvas.Left, c.Y, width, height), "Overall satisfaction (mean, 1–5)",
            Series(name, area, Headline.Overall), city is null ? null : Series("City", city, Headline.Overall),
            1, 5, [1, 2, 3, 4, 5], Format.Mean, minResponses, v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
        TrendChart.Draw(c, new XRect(Canvas.Left + width + gap, c.Y, width, height), "Trust index (0–100)",
            Series(name, area, Headline.Trust), city is null ? null : Series("City", city, Headline.Trust),
            0, 100, [0, 25, 50, 75, 100], Format.Index, minResponses, v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
        c.Y += height + 6;
    }

    /// <summary>A measure month by month, as every trend chart (PDF and console) plots it.</summary>
    public static TrendSeries Series(string name, IReadOnlyList<FigureSet> sets, Func<FigureSet, Measure> measure) =>
        new(name, sets.Select(f =>
        {
            var m = measure(f);
            return new TrendPoint(f.Month, m.Value, m.Ci?[0], m.Ci?[1]);
        }).ToList());

    const string Unprintable = "(A resident comment approved for quoting is written in a script this report cannot print. "
        + "Read it in the console under Comment reviews, /console/comment-reviews.)";

    static void ResidentComments(Canvas c, IReadOnlyList<string> comments)
    {
        c.Paragraph("Quoted only where the resident agreed and a reviewer approved the wording; up to five, newest first; names, phone numbers, e-mail and street addresses removed.",
            Styles.Small, Styles.Muted, Canvas.Left, Canvas.Width, 10);
        c.Y += 4;
        if (comments.Count == 0)
        {
            c.Paragraph("No comment from this month has been approved for quoting.", Styles.Body, Styles.Ink, Canvas.Left, Canvas.Width, 12);
            return;
        }
        foreach (var comment in comments)
        {
            c.Y += 3;
            // Never boxes: a comment in a script no shipped face has is announced, not printed.
            var text = Scripts.CanDraw(comment) ? $"“{comment}”" : Unprintable;
            var height = c.Paragraph(text, Styles.Body, Styles.Ink, Canvas.Left + 10, Canvas.Width - 10, 11.5,
                PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Paragraph);
            // The quote bar marks where each comment starts and ends (drawn on the comment's last page).
            var start = Math.Max(Canvas.Margin, c.Y - height);
            var bar = Bidi.IsRightToLeft(text) ? Canvas.Right + 4 : Canvas.Left + 2; // on the side the comment starts
            c.Artifact(g => g.DrawLine(new XPen(Styles.Band, 2.5), bar, start + 2, bar, c.Y + 1));
            c.Y += 8;
        }
    }
}
