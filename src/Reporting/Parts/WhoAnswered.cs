using System.Globalization;
using Surveys.Figures;
using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>
/// Who answered, and who did not: response rates by the contact's language and by contact type,
/// each with a 95% Wilson interval. Figures from residents who answer stand for those who did not
/// only as far as the two groups are alike; these rates show where they may not be.
/// </summary>
public static class WhoAnswered
{
    public static void Draw(Canvas c, FigureSet f, IReadOnlyList<TypeFigures> types)
    {
        c.Paragraph("A low response rate in one group means its residents' views weigh less in every figure above. Rates are " +
                    "responses divided by invitations; the interval is the 95% Wilson interval.",
            Styles.Small, Styles.Muted, Canvas.Left, Canvas.Width, 10);
        c.Y += 2;
        var languages = f.ByLanguage.Select(l => (Language(l.Key), l.Value)).ToList();
        var byType = types.Select(t => (Format.ContactType(t.ContactType), LanguageRates.Rate(t.Figures.Invitations, t.Figures.Responses))).ToList();
        Rates(c, "Language", languages, f.Invitations == 0 ? "No invitation was sent this month." : "No invitation this month has a recorded language.");
        c.Y += 6;
        Rates(c, "Contact type", byType, "No contact of a surveyed type was recorded this month.");
    }

    static void Rates(Canvas c, string heading, List<(string Label, LanguageRate Rate)> rows, string none)
    {
        if (rows.Count == 0)
        {
            c.Paragraph(none, Styles.Body, Styles.Muted, Canvas.Left, Canvas.Width, 12);
            return;
        }
        Column[] columns = [new(heading, 170), new("Invited", 70, true), new("Responses", 70, true), new("Response rate", 80, true), new("95% interval", 142, true)];
        Table.Draw(c, columns, rows.Select<(string Label, LanguageRate Rate), IReadOnlyList<Cell>>(r =>
        [
            r.Label, Format.Count(r.Rate.Invitations), Format.Count(r.Rate.Responses),
            r.Rate.ResponseRate is { } rate ? Format.Percent(rate) : "—",
            r.Rate.ResponseRateCi95 is { } ci ? Format.Interval(ci, Format.Percent) : "—",
        ]));
    }

    /// <summary>"Spanish (es)"; the code alone where the runtime does not know the language.</summary>
    static string Language(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return string.IsNullOrEmpty(culture.EnglishName) || culture.EnglishName == code ? code : $"{culture.EnglishName} ({code})";
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
