using System.Globalization;
using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>
/// "What we heard, what we did" for one neighborhood: the month's meetings and their survey
/// results, the concerns raised, the problems by stage with their actions done and due, and
/// whether residents noticed (each assessed problem's before/after figures).
/// </summary>
public static class LoopPage
{
    public static void Draw(Canvas c, CommunityLoop loop, ReportContext ctx, string area)
    {
        c.Heading("What we heard, what we did", 0);
        c.Paragraph($"Meetings and events held in {area} in {Format.MonthName(ctx.Month)}, what residents raised there, and the problems " +
                    $"the department is working on, as of {Format.Date(ctx.Now, ctx.Zone)}.", Styles.Small, Styles.Muted, Canvas.Left, Canvas.Width, 10);
        c.Heading("Meetings and events", 8);
        Events(c, loop.Events, ctx);
        c.Heading("Concerns raised");
        var concerns = loop.Events.SelectMany(e => e.Concerns.Select(text => $"• {text} ({e.Title})")).ToList();
        if (concerns.Count == 0) Line(c, "No concern was recorded at a meeting this month.", Styles.Muted);
        foreach (var concern in concerns) Line(c, concern);
        c.Heading("Problems, by stage");
        Problems(c, loop.Problems, ctx);
        AssessmentTables.Draw(c, loop.Problems, ctx);
    }

    public static void Events(Canvas c, IReadOnlyList<LoopEvent> events, ReportContext ctx)
    {
        if (events.Count == 0)
        {
            Line(c, "No meeting or event was recorded this month.", Styles.Muted);
            return;
        }
        Column[] columns =
        [
            new("Date", 66), new("Event", 144), new("Kind", 96), new("People", 42, true), new("Answers", 44, true),
            new("Overall", 46, true), new("Listened", 46, true), new("Trust", 48, true),
        ];
        Table.Draw(c, columns, events.Select(e => (IReadOnlyList<Cell>)
        [
            Format.Day(e.StartsAt, ctx.Zone), e.Title, Kind(e.Kind), e.Attendance is { } a ? Format.Count(a) : "—",
            Format.Count(e.Answers), .. Means(e, ctx),
        ]));
        c.Paragraph("People: attendance as recorded. Overall, Listened, Trust: the mean answer (1–5) in the event's survey.",
            Styles.Small, Styles.Muted, Canvas.Left, Canvas.Width, 10);
        if (events.Any(e => e.Answers is > 0 && e.Answers < ctx.MinResponses))
            Line(c, $"Means are withheld for an event with fewer than {ctx.MinResponses} answers. Event answers count for the event only, " +
                    "never for an officer or the neighborhood's contact figures.", Styles.Muted, Styles.Small);
    }

    static void Problems(Canvas c, IReadOnlyList<LoopProblem> problems, ReportContext ctx)
    {
        if (problems.Count == 0)
        {
            Line(c, "No problem is open.", Styles.Muted);
            return;
        }
        foreach (var stage in CommunityLoop.Stages)
        {
            var inStage = problems.Where(p => p.Stage == stage).ToList();
            if (inStage.Count == 0) continue;
            Line(c, $"{Stage(stage)} ({inStage.Count})", Styles.Navy, Styles.BodyBold);
            foreach (var p in inStage)
            {
                var items = p.Items.Count == 0 ? "" : " · items: " + string.Join(", ", Surveys.Rules.Instrument.Items.Where(p.Items.Contains).Select(ItemLabels.Short));
                Line(c, $"{p.Title}{items}", Styles.Ink, Styles.BodyBold, indent: 10);
                var done = p.Actions.Where(a => a.Status == "done").ToList();
                var due = p.Actions.Where(a => a.Status == "open").ToList();
                if (p.Actions.Count == 0) Line(c, "No action recorded yet.", Styles.Muted, Styles.Small, 20);
                foreach (var a in done) Line(c, $"Done: {a.Text} ({a.Owner})", Styles.Better, Styles.Small, 20);
                foreach (var a in due)
                    Line(c, $"Due {a.DueOn}: {a.Text} ({a.Owner})" + (a.OverdueOn(ctx.Today) ? " · overdue" : ""),
                        a.OverdueOn(ctx.Today) ? Styles.Worse : Styles.Ink, Styles.Small, 20);
            }
        }
    }

    public static string Stage(string stage) => stage switch
    {
        "scanning" => "Scanning: defining the problem", "analysis" => "Analysis: learning its causes",
        "response" => "Response: acting on it", "assessment" => "Assessment: did it work?", "closed" => "Closed this month", _ => stage,
    };

    public static string Kind(string kind) => kind switch
    {
        "community-meeting" => "community meeting", "coffee-with-a-cop" => "Coffee with a Cop", "national-night-out" => "National Night Out",
        "spcp-session" => "partnership session", "school-visit" => "school visit", _ => "event",
    };

    static Cell[] Means(LoopEvent e, ReportContext ctx) =>
        e.Answers > 0 && e.Figures["overall"].Mean is null ? [new Cell($"fewer than {ctx.MinResponses}", 3, Color: Styles.Muted)]
            : EventFigures.Items.Select(k => (Cell)(e.Figures[k].Mean is { } m ? Format.Mean(m) : "—")).ToArray();

    static void Line(Canvas c, string text, PdfSharp.Drawing.XColor? color = null, PdfSharp.Drawing.XFont? font = null, double indent = 0) =>
        c.Paragraph(text, font ?? Styles.Body, color ?? Styles.Ink, Canvas.Left + indent, Canvas.Width - indent, 12);
}
