using PdfSharp.Drawing;

namespace Surveys.Reporting.Pdf;

/// <summary>Horizontal alignment on the baseline: y is always where the text sits.</summary>
public static class Align
{
    public static readonly XStringFormat Left = new() { Alignment = XStringAlignment.Near, LineAlignment = XLineAlignment.BaseLine };
    public static readonly XStringFormat Right = new() { Alignment = XStringAlignment.Far, LineAlignment = XLineAlignment.BaseLine };
    public static readonly XStringFormat Center = new() { Alignment = XStringAlignment.Center, LineAlignment = XLineAlignment.BaseLine };
}
