using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>The short note on what the figures mean, the suppression rule, and "preliminary".</summary>
public static class Methodology
{
    /// <summary>About what the note takes on the page: it is kept in one piece.</summary>
    // 290 before; +22 for the finality rule, +30 for the difference tests.
    public const double Height = 342;

    public static void Draw(Canvas c, ReportContext context, bool comments)
    {
        var min = context.MinResponses;
        var paragraphs = new List<(string Title, string Text)>
        {
            ("Where the figures come from.",
                "Residents are invited by text message after a contact with the department and answer up to six questions on a 1–5 scale " +
                $"(5 is best). Each answer counts in the month of the contact, in the agency's time zone ({context.Options.TimeZone}). " +
                "The numbers printed are the ones the stats API returns for the same month."),
            ("What they mean.",
                "Mean: the average answer (1–5). % positive: the share of answers 4 or 5. Trust index: the mean answer to \"" +
                ItemLabels.Question("trust") + "\" on a 0–100 scale. Procedural-justice index: the mean of the four procedural-justice " +
                "items (dignity and respect, listened, fairness, explained next steps) on a 0–100 scale. Response rate: responses " +
                "divided by invitations."),
            ("Is a change real?",
                "Each figure has a 95% interval: the range the true value very likely lies in, given how many residents answered " +
                "(a t-interval for means, a Wilson interval for percentages). A change from last month, or a gap from the rest of the " +
                "city, gets an interval of its own: of the difference of two means (Welch's t) or of two percentages (Newcombe's " +
                "hybrid score method). It is called real only when that interval excludes zero, a 5% test; otherwise it is within " +
                "noise. (Two separate intervals that do not overlap would be a far stricter test, about 0.6%, and would call most " +
                "real changes noise.) A neighborhood is compared with the rest of the city, without its own residents, so the two " +
                "groups are independent. The trust index moves as the trust item's mean does, rescaled; the procedural-justice " +
                "interval averages the four items' intervals, which errs on the wide side."),
            ("Small numbers are withheld.",
                $"With fewer than {min} answers to an item, its figures are not shown anywhere (tiles, tables and charts say " +
                $"\"{Format.Withheld(min)}\"); only the count of answers is. Below that, a figure says more about a few residents " +
                "than about the neighborhood, and could point to who answered."),
            ("Preliminary or final.",
                "A month stays preliminary until it has ended, its contacts can no longer be invited " +
                $"({Days(context.Options.Sms.MaxContactAge)} after the month's end) and every link sent for it has expired " +
                $"({context.Options.TokenLifetimeDays} days after it was sent), plus an hour; until then late answers can still change the figures. " +
                "Contacts that arrive later are recorded but never surveyed or counted, and the report of the month they arrive in says so. " +
                "The final report replaces the preliminary one."),
        };
        if (comments)
            paragraphs.Add(("Comments.",
                "Quoted only where the resident agreed to it and a reviewer approved the wording, at most five, newest first. Names, " +
                "phone numbers, e-mail and street addresses are removed; a comment alleging misconduct goes to internal affairs and is " +
                "never quoted. The comments are examples, not a sample."));

        foreach (var (title, text) in paragraphs)
        {
            c.EnsureSpace(30);
            c.Text(title, Styles.BodyBold, Styles.Navy, Canvas.Left, c.Y + 10, tag: PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading3);
            c.Y += 11;
            c.Paragraph(text, Styles.Body, Styles.Ink, Canvas.Left, Canvas.Width, 11.2);
            c.Y += 4;
        }
    }

    static string Days(TimeSpan span) => span.TotalDays == 1 ? "1 day" : span.TotalHours % 24 == 0 ? $"{span.TotalDays:0} days" : $"{span.TotalHours:0} hours";
}
