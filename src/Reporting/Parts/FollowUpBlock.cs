using Surveys.FollowUps;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>
/// "Follow-up requests": whether residents who asked to be called back were, on time. The same
/// numbers as the stats call's followUps; below MinResponses requests, counts only.
/// </summary>
public static class FollowUpBlock
{
    public static void Draw(Canvas c, FollowUpFigures f, int minResponses)
    {
        c.Heading("Follow-up requests", keepWith: 60);
        if (f.Requested == 0)
        {
            c.Paragraph("No resident asked to be contacted this month.", Styles.Body, Styles.Ink, Canvas.Left, Canvas.Width, 12);
            return;
        }
        var lines = new List<string>
        {
            $"Requested: {Format.Count(f.Requested)}. Closed: {Format.Count(f.Closed)}. Overdue now: {Format.Count(f.Overdue)}.",
            $"Contacted within the time allowed: {Format.Count(f.ContactedWithinDue)} of {Format.Count(f.Requested)}" +
                (f.PctContactedWithinDue is { } share ? $" ({Format.Percent(share)})." : "."),
        };
        if (f.MedianHoursToContact is { } median) lines.Add($"Median time to contact: {Format.Index(median)} hours.");
        if (f.Suppressed) lines.Add($"Shares and the median are withheld: fewer than {minResponses} requests (counts only).");
        lines.Add("A request closed as unreachable or declined never counts as contacted.");
        foreach (var line in lines) c.Paragraph(line, Styles.Body, Styles.Ink, Canvas.Left, Canvas.Width, 12);
    }
}
