using System.Text;
using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Puts one line of text into the order it is drawn, left to right, for PDFsharp (which draws
/// characters as given). Right-to-left runs (Arabic, Hebrew) are shaped by HarfBuzz — joining
/// forms, lam-alef, mirrored brackets — and each resulting glyph is written back as the code
/// point that DejaVu Sans maps to it (Arabic Presentation Forms-B), in visual order. Runs are
/// ordered by a reduced Unicode bidi pass: the first strong letter sets the line's direction,
/// neutrals between two runs of one direction take it, other neutrals take the line's, and
/// digits always read left to right. Lines with no right-to-left letter are returned unchanged.
/// </summary>
public static class Bidi
{
    enum Dir { L, R, N }

    static readonly Lazy<Dictionary<uint, int>> CodeOfGlyph = new(() =>
    {
        var map = new Dictionary<uint, int>();
        // Base letters first, so an isolated letter keeps its own code (better text extraction).
        foreach (var (from, to) in new[] { (0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x205E), (0x0590, 0x06FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF) })
            for (var c = from; c <= to; c++)
                if (Scripts.Latin.TryGetNominalGlyph((uint)c, out var glyph) && glyph != 0) map.TryAdd(glyph, c);
        return map;
    });

    static Dir Of(char c) => c switch
    {
        >= '0' and <= '9' => Dir.L,
        >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9' => Dir.L, // Arabic-Indic digits read left to right too
        >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => Dir.R,
        _ when char.IsLetter(c) || char.IsSurrogate(c) => Dir.L,
        _ => Dir.N,
    };

    public static bool HasRightToLeft(string text) => text.Any(c => Of(c) == Dir.R);

    /// <summary>True when the first strong letter is right to left: the paragraph reads from the right.</summary>
    public static bool IsRightToLeft(string text) => text.Select(Of).FirstOrDefault(d => d != Dir.N, Dir.L) == Dir.R;

    public static string Visual(string line)
    {
        if (!HasRightToLeft(line)) return line;
        var dirs = line.Select(Of).ToArray();
        var paragraph = IsRightToLeft(line) ? Dir.R : Dir.L;
        for (var i = 0; i < dirs.Length; i++)
        {
            if (dirs[i] != Dir.N) continue;
            var before = Array.FindLast(dirs[..i], d => d != Dir.N);
            var after = Array.Find(dirs[i..], d => d != Dir.N);
            dirs[i] = before == after && before != Dir.N ? before : paragraph;
        }
        var runs = new List<(Dir Dir, string Text)>();
        for (int start = 0, i = 1; i <= line.Length; i++)
            if (i == line.Length || dirs[i] != dirs[start]) { runs.Add((dirs[start], line[start..i])); start = i; }
        if (paragraph == Dir.R) runs.Reverse();
        return string.Concat(runs.Select(r => r.Dir == Dir.R ? Shape(r.Text) : r.Text));
    }

    static string Shape(string run)
    {
        using var buffer = new Buffer();
        buffer.AddUtf16(run);
        buffer.Direction = Direction.RightToLeft;
        buffer.GuessSegmentProperties();
        // Required joining and lam-alef only: discretionary ligatures have no code point to draw them by.
        Scripts.Latin.Shape(buffer, Feature.Parse("-liga"), Feature.Parse("-dlig"), Feature.Parse("-calt"));
        var text = new StringBuilder(run.Length);
        var infos = buffer.GlyphInfos;
        for (var i = 0; i < infos.Length; i++)
        {
            if (CodeOfGlyph.Value.TryGetValue(infos[i].Codepoint, out var code)) { text.Append((char)code); continue; }
            // A glyph DejaVu has no code for: draw the cluster's own characters, unjoined but legible.
            if (i > 0 && infos[i - 1].Cluster == infos[i].Cluster) continue;
            var end = infos.Where(g => g.Cluster > infos[i].Cluster).Select(g => (int)g.Cluster).DefaultIfEmpty(run.Length).Min();
            text.Append(run[(int)infos[i].Cluster..end]);
        }
        return text.ToString();
    }
}
