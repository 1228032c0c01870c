using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Type sizes and colours of every report. Colour never carries meaning alone: a real change is
/// also spelled out in words, so a black-and-white print reads the same.
/// </summary>
public static class Styles
{
    static XFont Font(double size, bool bold = false)
    {
        ReportFonts.EnsureInitialized(); // an XFont resolves its face when created
        // Unicode (Identity-H with a ToUnicode map) for every string: one embedded subset per face,
        // and text that extracts and reads aloud correctly whatever the script.
        return new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    public static readonly XFont Title = Font(17, true);
    public static readonly XFont Subtitle = Font(10.5);
    public static readonly XFont Heading = Font(11.5, true);
    public static readonly XFont Body = Font(8.8);
    public static readonly XFont BodyBold = Font(8.8, true);
    public static readonly XFont Small = Font(7.4);
    public static readonly XFont SmallBold = Font(7.4, true);
    public static readonly XFont Tiny = Font(6.4);
    public static readonly XFont TileValue = Font(17, true);
    public static readonly XFont Badge = Font(10, true);
    public static readonly XFont Priming = Font(1), PrimingBold = Font(1, true);

    public static readonly XColor Ink = XColor.FromArgb(0x1A, 0x1A, 0x1A);
    public static readonly XColor Navy = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    public static readonly XColor Muted = XColor.FromArgb(0x5A, 0x5A, 0x5A);
    public static readonly XColor Rule = XColor.FromArgb(0xB8, 0xC2, 0xCF);
    public static readonly XColor Panel = XColor.FromArgb(0xEE, 0xF2, 0xF7);
    public static readonly XColor Zebra = XColor.FromArgb(0xF6, 0xF8, 0xFA);
    public static readonly XColor Band = XColor.FromArgb(0xC9, 0xD8, 0xEA);
    public static readonly XColor Line = XColor.FromArgb(0x1F, 0x5F, 0xA8);
    public static readonly XColor CityLine = XColor.FromArgb(0x80, 0x80, 0x80);
    public static readonly XColor Withheld = XColor.FromArgb(0xEC, 0xEC, 0xEC);
    public static readonly XColor Better = XColor.FromArgb(0x1B, 0x6E, 0x36);
    public static readonly XColor Worse = XColor.FromArgb(0xA8, 0x23, 0x1B);
    public static readonly XColor Preliminary = XColor.FromArgb(0xA0, 0x5A, 0x00);

    public static XBrush Brush(XColor c) => new XSolidBrush(c);
    public static XPen Pen(XColor c, double width = 0.6) => new(c, width);

    /// <summary>Answer 1 (worst) to 5 (best): a sequential ramp that still separates in greyscale.</summary>
    public static readonly XColor[] Answers =
    [
        XColor.FromArgb(0x8E, 0x1B, 0x1B), XColor.FromArgb(0xD9, 0x7A, 0x6C), XColor.FromArgb(0xD8, 0xD8, 0xD8),
        XColor.FromArgb(0x7F, 0xA8, 0xD6), XColor.FromArgb(0x1F, 0x4E, 0x8C),
    ];
}
