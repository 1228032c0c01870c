using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// A Letter-size document written top to bottom, tagged for screen readers as it goes: every
/// string lands in a structure element (heading, paragraph, table cell, figure) and every rule
/// or fill is marked as an artifact. PDFsharp's UA manager throws on untagged drawing, so all
/// drawing goes through here. Pages are written strictly in order, as that manager requires.
/// </summary>
public sealed class Canvas
{
    public const double PageWidth = 612, PageHeight = 792, Margin = 40;
    public const double Left = Margin, Right = PageWidth - Margin, Width = Right - Left, Bottom = PageHeight - 52;

    readonly PdfDocument _document;
    readonly StructureBuilder _structure;
    readonly string _footer;
    XGraphics? _graphics;
    bool _needsPriming, _needsArabicPriming;

    public Canvas(string title, string author, string footer)
    {
        ReportFonts.EnsureInitialized(); // before the document: PDFsharp checks its licence there
        _document = new PdfDocument();
        // PDFsharp 6.5 ends compressed content streams without zlib's final block: viewers cope,
        // but `qpdf --check` flags every page. Uncompressed they are valid, about 10 KB a page larger.
        _document.Options.CompressContentStreams = false;
        _footer = footer;
        _document.Info.Title = title;
        _document.Info.Author = author;
        _document.Info.Creator = "Surveys reporting";
        var ua = UAManager.ForDocument(_document);
        ua.SetDocumentLanguage("en-US");
        _structure = ua.StructureBuilder;
    }

    public XGraphics G => _graphics ?? throw new InvalidOperationException("Call NewPage first.");
    public int PageNumber { get; private set; }
    public double Y { get; set; }

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.Letter;
        _graphics = XGraphics.FromPdfPage(page);
        PageNumber++;
        Y = Margin;
        Artifact(g =>
        {
            g.DrawLine(Styles.Pen(Styles.Rule), Left, Bottom + 16, Right, Bottom + 16);
            g.DrawString(_footer, Styles.Small, Styles.Brush(Styles.Muted), Left, Bottom + 28);
            g.DrawString($"Page {PageNumber}", Styles.Small, Styles.Brush(Styles.Muted), Right, Bottom + 28, Align.Right);
        });
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public bool EnsureSpace(double height)
    {
        if (_graphics is not null && Y + height <= Bottom) return false;
        NewPage();
        return true;
    }

    /// <summary>Every variable string passes here before it is drawn (see <see cref="Glyphs"/>).</summary>
    public string Use(string text)
    {
        _needsPriming |= Glyphs.NeedsPriming(text);
        _needsArabicPriming |= Glyphs.NeedsArabicPriming(text);
        return text;
    }

    public void Text(string text, XFont font, XColor color, double x, double y, XStringFormat? format = null,
        PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
    {
        _structure.BeginElement(tag);
        TextRuns.Draw(G, Use(text), font, Styles.Brush(color), x, y, format);
        _structure.End();
    }

    /// <summary>Wraps <paramref name="text"/> into lines of at most <paramref name="width"/>; one paragraph element.</summary>
    public double Paragraph(string text, XFont font, XColor color, double x, double width, double lineHeight,
        PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
    {
        var lines = TextLayout.Wrap(G, Use(text), font, width);
        if (lines.Count * lineHeight < Bottom - Margin) EnsureSpace(lines.Count * lineHeight); // keep it on one page when it can be
        var rtl = Bidi.IsRightToLeft(text); // an Arabic comment is set flush right, as it is read
        _structure.BeginElement(tag);
        foreach (var line in lines)
        {
            EnsureSpace(lineHeight);
            Y += lineHeight;
            TextRuns.Draw(G, line, font, Styles.Brush(color), rtl ? x + width : x, Y - lineHeight * 0.25, rtl ? Align.Right : Align.Left);
        }
        _structure.End();
        return lines.Count * lineHeight;
    }

    /// <summary>Wrapped text at a fixed place (tiles, captions): no page break, the cursor stays put.</summary>
    public double Block(string text, XFont font, XColor color, double x, double top, double width, double lineHeight)
    {
        var lines = TextLayout.Wrap(G, Use(text), font, width);
        _structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
        for (var i = 0; i < lines.Count; i++)
            TextRuns.Draw(G, lines[i], font, Styles.Brush(color), x, top + (i + 0.75) * lineHeight);
        _structure.End();
        return lines.Count * lineHeight;
    }

    /// <summary>A section heading, moved to the next page unless <paramref name="keepWith"/> points of its section fit below it.</summary>
    public void Heading(string text, double spaceBefore = 14, double keepWith = 40)
    {
        EnsureSpace(spaceBefore + 17 + keepWith);
        Y += spaceBefore;
        Text(text, Styles.Heading, Styles.Navy, Left, Y + 11, tag: PdfBlockLevelElementTag.Heading2);
        Y += 17;
    }

    /// <summary>Rules, fills and other decoration that a screen reader should skip.</summary>
    public void Artifact(Action<XGraphics> draw)
    {
        _structure.BeginArtifact();
        draw(G);
        _structure.End();
    }

    /// <summary>A chart: read aloud as <paramref name="alt"/>, which must carry the same figures.</summary>
    public void Figure(string alt, XRect box, Action<XGraphics> draw)
    {
        _structure.BeginElement(PdfIllustrationElementTag.Figure, alt, box);
        draw(G);
        _structure.End();
    }

    public void Begin(PdfBlockLevelElementTag tag) => _structure.BeginElement(tag);
    public void ColumnSpan(int span) => _structure.SetColSpan(span);

    // PDFsharp has no setter for it, but the attribute dictionary is public: header cells head columns.
    public void ColumnHeader() => _structure.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", "/Column");
    public void End() => _structure.End();

    public byte[] ToBytes()
    {
        if (_needsPriming && _graphics is not null)
            Artifact(g =>
            {
                g.DrawString(Glyphs.Priming, Styles.Priming, XBrushes.White, -2000, -100);
                g.DrawString(Glyphs.Priming, Styles.PrimingBold, XBrushes.White, -2000, -50);
            });
        if (_needsArabicPriming && _graphics is not null)
            Artifact(g => g.DrawString(Glyphs.ArabicPriming, Styles.Priming, XBrushes.White, -2000, -150));
        _graphics?.Dispose();
        _graphics = null;
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
