using System.Text;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Works around PDFsharp 6.5's font subsetter, which follows composite glyphs one level deep only
/// (empira/PDFsharp#348): in DejaVu Sans "ễ", "ấ", "ờ", "ữ", bold "š" and some 270 other accented
/// letters are composites of composites, and their accents silently vanish ("Nguyễn" prints as
/// "Nguyen"). Drawing every character of U+00A0–U+036F once, off the page, puts all the nested
/// accent parts in the subset; checked glyph by glyph against the complete font for every
/// precomposed letter of U+00C0–U+024F and U+1E00–U+1EFF, in both faces. It costs about 35 KB a
/// face, so it is done only for documents that need it. Remove once PDFsharp fixes the closure.
/// </summary>
public static class Glyphs
{
    public static readonly string Priming = Build();

    /// <summary>
    /// The same defect in Arabic: DejaVu's joining forms of the beh family (ب ت ث ن ي …) are
    /// composites whose dots are nested parts, so mid-word letters lost their dots. Drawing the
    /// Arabic letters and Forms-B once puts every part in the subset; only documents with Arabic.
    /// </summary>
    public static readonly string ArabicPriming = string.Concat(Enumerable.Range(0x0621, 0x064A - 0x0621 + 1)
        .Concat(Enumerable.Range(0xFE70, 0xFEFC - 0xFE70 + 1)).Select(c => (char)c));

    public static bool NeedsArabicPriming(string text) => text.Any(c => c is >= '\u0600' and <= '\u06FF' or >= '\uFB50' and <= '\uFEFF');

    /// <summary>True for text with an accented letter beyond Latin-1 (Latin-1 letters are single-level).</summary>
    public static bool NeedsPriming(string text)
    {
        foreach (var c in text)
            if (c >= 0x0100 && !char.IsSurrogate(c) && c.ToString().Normalize(NormalizationForm.FormD).Length > 1) return true;
        return false;
    }

    static string Build()
    {
        var text = new StringBuilder();
        for (var c = 0x00A0; c <= 0x036F; c++) text.Append((char)c);
        return text.ToString();
    }
}
