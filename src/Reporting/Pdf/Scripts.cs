using System.Runtime.InteropServices;
using System.Text;
using HarfBuzzSharp;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Which shipped face draws a character: DejaVu Sans when it has the glyph (Latin, Vietnamese,
/// Cyrillic, Arabic), else NanumSquare for Hangul, else Droid Sans Fallback (Han, kana, CJK
/// punctuation). Coverage is read from each face's own cmap, the table PDFsharp maps through,
/// so a character is never sent to a face that would draw it as a box.
/// </summary>
public static class Scripts
{
    sealed record Face(string Family, Font Font);

    static readonly Lazy<Face[]> Faces = new(() =>
    [
        Open(ReportFonts.Family, "DejaVuSans"),
        Open(ReportFonts.Hangul, ReportFonts.HangulFace),
        Open(ReportFonts.Han, ReportFonts.HanFace),
    ]);

    /// <summary>The regular DejaVu face, for shaping Arabic (see <see cref="Bidi"/>).</summary>
    internal static Font Latin => Faces.Value[0].Font;

    static Face Open(string family, string faceName)
    {
        // Unmanaged, never freed: three faces held for the life of the process.
        var bytes = ReportFonts.Load(faceName);
        var memory = Marshal.AllocHGlobal(bytes.Length);
        Marshal.Copy(bytes, 0, memory, bytes.Length);
        var face = new HarfBuzzSharp.Face(new Blob(memory, bytes.Length, MemoryMode.ReadOnly), 0);
        return new Face(family, new Font(face));
    }

    static bool Has(Face face, int codePoint) => face.Font.TryGetNominalGlyph((uint)codePoint, out var glyph) && glyph != 0;

    static bool IsHangul(int c) => c is >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F or >= 0xA960 and <= 0xA97F
        or >= 0xAC00 and <= 0xD7FF;

    /// <summary>The family that draws <paramref name="codePoint"/>, or null when no shipped face has it.</summary>
    public static string? FamilyFor(int codePoint)
    {
        var faces = Faces.Value;
        if (codePoint < 0x80 || Has(faces[0], codePoint)) return faces[0].Family;
        if (IsHangul(codePoint) && Has(faces[1], codePoint)) return faces[1].Family;
        if (Has(faces[2], codePoint)) return faces[2].Family;
        return Has(faces[1], codePoint) ? faces[1].Family : null;
    }

    /// <summary>
    /// True when every letter of <paramref name="text"/> can be drawn. A comment that fails this is
    /// not printed as boxes: the report says that a comment exists and where to read it.
    /// </summary>
    public static bool CanDraw(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (Rune.IsLetter(rune) && FamilyFor(rune.Value) is null) return false;
        return true;
    }

    /// <summary>
    /// Splits <paramref name="text"/> into runs of one family each. Characters no face has that are
    /// not letters (emoji, rare symbols) are left out rather than drawn as boxes.
    /// </summary>
    public static IEnumerable<(string Family, string Text)> Split(string text)
    {
        var run = new StringBuilder();
        string? family = null;
        foreach (var rune in text.EnumerateRunes())
        {
            // Spaces and marks stay with the run they sit in, so a CJK run is not cut at every space.
            var f = rune.Value is ' ' or 0x200C or 0x200D && family is not null ? family : FamilyFor(rune.Value);
            if (f is null) continue;
            if (f != family && run.Length > 0) { yield return (family!, run.ToString()); run.Clear(); }
            family = f;
            run.Append(rune.ToString());
        }
        if (run.Length > 0) yield return (family!, run.ToString());
    }
}
