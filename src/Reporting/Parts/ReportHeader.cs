using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;
using Surveys.Reporting.Data;
using Surveys.Reporting.Pdf;
using Surveys.Reporting.Text;

namespace Surveys.Reporting.Parts;

/// <summary>Agency, title, month, who is responsible, and whether the figures can still move.</summary>
public static class ReportHeader
{
    public static void Draw(Canvas c, ReportContext context, string title, string subtitle, bool preliminary)
    {
        var top = c.Y;
        c.Text(context.Agency, Styles.SmallBold, Styles.Muted, Canvas.Left, top + 7);
        c.Text($"Generated {Format.Date(context.Now, context.Zone)}", Styles.Small, Styles.Muted, Canvas.Right, top + 7, Align.Right);
        c.Text(title, Styles.Title, Styles.Navy, Canvas.Left, top + 30, tag: PdfBlockLevelElementTag.Heading1);
        c.Text(subtitle, Styles.Subtitle, Styles.Ink, Canvas.Left, top + 46);

        var (label, note, color) = preliminary
            ? ("PRELIMINARY", "invitations still open: figures may change", Styles.Preliminary)
            : ("FINAL", "all invitations have closed", Styles.Better);
        var badgeWidth = c.G.MeasureString(label, Styles.Badge).Width + 16;
        var badge = new XRect(Canvas.Right - badgeWidth, top + 16, badgeWidth, 18);
        c.Artifact(g => g.DrawRoundedRectangle(new XPen(color, 1.2), badge, new XSize(5, 5)));
        c.Text(label, Styles.Badge, color, badge.X + badge.Width / 2, badge.Y + 13, Align.Center);
        c.Text(note, Styles.Tiny, color, Canvas.Right, top + 44, Align.Right);

        c.Artifact(g => g.DrawLine(Styles.Pen(Styles.Navy, 1.2), Canvas.Left, top + 56, Canvas.Right, top + 56));
        c.Y = top + 60;
    }

    /// <summary>The plain-language lines under the header: what changed, whether it is real, where to look.</summary>
    public static void Summary(Canvas c, IEnumerable<string> sentences)
    {
        c.Heading("In brief", 6);
        c.Begin(PdfBlockLevelElementTag.List);
        foreach (var sentence in sentences)
        {
            c.Begin(PdfBlockLevelElementTag.ListItem);
            var y = c.Y;
            c.Text("•", Styles.Body, Styles.Navy, Canvas.Left + 2, y + 9.2, tag: PdfBlockLevelElementTag.Label);
            c.Paragraph(sentence, Styles.Body, Styles.Ink, Canvas.Left + 12, Canvas.Width - 12, 11.5, PdfBlockLevelElementTag.ListBody);
            c.End();
        }
        c.End();
        c.Y += 4;
    }
}
