using System.Globalization;
using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>
/// The city summary of "what we heard, what we did": per neighborhood, the month's meetings,
/// attendance and concerns, the problems being worked by stage, and their actions done and
/// overdue; then the city-wide events with their survey results.
/// </summary>
public static class CityLoop
{
    public static void Draw(Canvas c, CommunityLoop loop, IReadOnlyList<Data.Neighborhood> neighborhoods, ReportContext ctx)
    {
        c.Heading("What we heard, what we did, city-wide", 0);
        c.Paragraph($"Meetings and events held in {Format.MonthName(ctx.Month)} and the problems being worked, per neighborhood, as of " +
                    $"{Format.Date(ctx.Now, ctx.Zone)}. Each neighborhood's report lists them one by one.", Styles.Small, Styles.Muted,
            Canvas.Left, Canvas.Width, 10);
        Column[] columns =
        [
            new("Neighborhood", 114), new("Meetings", 50, true), new("People", 38, true), new("Concerns", 46, true),
            new("Scanning", 48, true), new("Analysis", 46, true), new("Response", 50, true), new("Assessing", 52, true),
            new("Done", 36, true), new("Overdue", 52, true),
        ];
        var rows = neighborhoods.Select(n =>
        {
            var events = loop.Events.Where(e => e.Neighborhood == n.Code).ToList();
            var problems = loop.Problems.Where(p => p.Neighborhood == n.Code && p.Stage != "closed").ToList();
            var actions = problems.SelectMany(p => p.Actions).ToList();
            var overdue = actions.Count(a => a.OverdueOn(ctx.Today));
            return (IReadOnlyList<Cell>)
            [
                $"{n.Name} ({n.Code})", Format.Count(events.Count), Format.Count(events.Sum(e => e.Attendance ?? 0)),
                Format.Count(events.Sum(e => e.Concerns.Count)),
                .. CommunityLoop.Stages[..4].Select(s => (Cell)Format.Count(problems.Count(p => p.Stage == s))), Format.Count(actions.Count(a => a.Status == "done")),
                new Cell(Format.Count(overdue), Color: overdue > 0 ? Styles.Worse : null),
            ];
        });
        Table.Draw(c, columns, rows);
        c.Paragraph("Scanning to Assessing: open problems by stage. Done and Overdue: the actions of those problems.",
            Styles.Small, Styles.Muted, Canvas.Left, Canvas.Width, 10);
        c.Heading("City-wide events");
        LoopPage.Events(c, loop.Events.Where(e => e.Neighborhood is null).ToList(), ctx);
    }
}
