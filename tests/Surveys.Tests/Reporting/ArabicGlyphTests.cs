using Surveys.Reporting.Pdf;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

/// <summary>
/// An Arabic comment draws every part of its letters: the dots of mid-word ب ت ث are nested
/// parts of DejaVu's joining forms, which PDFsharp's subsetter used to leave out. The oracle is
/// the same line in a document that also prints every Arabic letter and form visibly (so every
/// part is in its subset); the two renderings of the line must be identical, pixel for pixel.
/// </summary>
public class ArabicGlyphTests
{
    const string Comment = "الضابط كان محترما وشرح لي كل شيء. بيت ثابت نبيل";

    [Fact]
    public async Task Mid_word_arabic_letters_keep_their_dots()
    {
        var alone = Render(extra: null);
        var oracle = Render(extra: string.Concat(Enumerable.Range(0x0621, 0x064A - 0x0621 + 1).Concat(Enumerable.Range(0xFE70, 0xFEFC - 0xFE70 + 1))
            .Select(c => $"{(char)c} ")));
        Assert.Equal(await LineAsync(oracle, "arabic-oracle"), await LineAsync(alone, "arabic-alone"));
    }

    static byte[] Render(string? extra)
    {
        var c = new Canvas("Arabic", "test", "test");
        c.NewPage();
        c.Paragraph(Comment, Styles.Body, Styles.Ink, Canvas.Left, Canvas.Width, 12);
        if (extra is not null) { c.Y += 200; c.Paragraph(extra, Styles.Body, Styles.Ink, Canvas.Left, Canvas.Width, 12); }
        return c.ToBytes();
    }

    /// <summary>The top band of page 1 (the comment's line only) as raw pixels.</summary>
    static async Task<byte[]> LineAsync(byte[] pdf, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "surveys-report-tests")).FullName;
        var file = Path.Combine(folder, name + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        await Shell.RunAsync("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-x", "0", "-y", "60", "-W", "1275", "-H", "60", "-singlefile", file, Path.Combine(folder, name)]);
        var pixels = await File.ReadAllBytesAsync(Path.Combine(folder, name + ".ppm"));
        Assert.Contains(pixels.Skip(20), b => b < 128); // the line is in the band: some ink
        return pixels;
    }
}
