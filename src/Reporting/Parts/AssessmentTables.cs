using Surveys.Figures;
using Surveys.ProblemSolving;
using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>
/// "Did residents notice?": for each problem in assessment, the neighborhood's figures for its
/// items in the three full months before the response began against the months since, with the
/// difference's own 95% interval (Welch, Newcombe) — the numbers the problem's API call returns.
/// </summary>
public static class AssessmentTables
{
    public static void Draw(Canvas c, IReadOnlyList<LoopProblem> problems, ReportContext ctx)
    {
        var assessed = problems.Where(p => p.Assessment is not null).ToList();
        if (assessed.Count == 0) return;
        c.Heading("Did residents notice?", keepWith: 70);
        c.Paragraph("Before: the three full months before the month the response began. After: that month and the months since. " +
                    "A change is called real only when its 95% interval excludes zero.", Styles.Small, Styles.Muted, Canvas.Left, Canvas.Width, 10);
        foreach (var p in assessed)
        {
            var a = p.Assessment!;
            c.Paragraph($"{p.Title} · response began {a.ResponseStartedOn}", Styles.BodyBold, Styles.Ink, Canvas.Left, Canvas.Width, 13);
            if (a.Status == ProblemAssessment.TooEarly)
                c.Paragraph($"Too early to tell: fewer than {ctx.MinResponses} answers since the response began.", Styles.Small, Styles.Muted,
                    Canvas.Left + 10, Canvas.Width - 10, 11);
            Column[] columns =
            [
                new("Item", 100), new($"Before\n{Format.MonthShortYear(a.Before.From)}–{Format.MonthShortYear(a.Before.To)}", 96, true),
                new($"After\n{Format.MonthShortYear(a.After.From)}–{Format.MonthShortYear(a.After.To)}", 96, true),
                new("Change in mean\n(95% interval)", 130, true), new("Verdict", 110),
            ];
            Table.Draw(c, columns, a.Difference.Keys.Select(item => (IReadOnlyList<Cell>)
            [
                ItemLabels.Short(item), Side(a.Before.Items[item], ctx), Side(a.After.Items[item], ctx), Delta(a.Difference[item]), Verdict(a.Difference[item]),
            ]));
        }
    }

    static Cell Side(ItemFigures f, ReportContext ctx) => f.Mean is { } m
        ? $"{Format.Mean(m)} (n {Format.Count(f.N)})"
        : new Cell(f.N == 0 ? "no answers" : $"fewer than {ctx.MinResponses}", Color: Styles.Muted);

    static Cell Delta(ItemDifference? d) => d is null ? new Cell("—", Color: Styles.Muted)
        : $"{Format.Signed(d.Mean, "0.00")} ({Format.Signed(d.MeanCi95[0], "0.00")} to {Format.Signed(d.MeanCi95[1], "0.00")})";

    static Cell Verdict(ItemDifference? d) => d switch
    {
        null => new Cell("not enough answers", Color: Styles.Muted),
        { Significant: true, Mean: > 0 } => new Cell("real rise", Bold: true, Color: Styles.Better),
        { Significant: true } => new Cell("real fall", Bold: true, Color: Styles.Worse),
        _ => new Cell("no real change yet", Color: Styles.Muted),
    };
}
