using System.Text;
using PdfSharp.Drawing;

namespace Surveys.Reporting.Pdf;

/// <summary>Greedy word wrap and ellipsis on measured widths (PDFsharp draws single lines only).</summary>
public static class TextLayout
{
    public static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (TextRuns.Width(g, candidate, font) <= width) { line.Clear().Append(candidate); continue; }
                if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); }
                // A word wider than the line (a URL, a run of characters) is cut where it overflows.
                var rest = word;
                while (TextRuns.Width(g, rest, font) > width)
                {
                    var cut = Fit(g, rest, font, width);
                    lines.Add(rest[..cut]);
                    rest = rest[cut..];
                }
                line.Append(rest);
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>The text itself if it fits, else as much as fits followed by an ellipsis.</summary>
    public static string Ellipsis(XGraphics g, string text, XFont font, double width)
    {
        if (TextRuns.Width(g, text, font) <= width) return text;
        var cut = Fit(g, text, font, width - TextRuns.Width(g, "…", font));
        return text[..cut].TrimEnd() + "…";
    }

    static int Fit(XGraphics g, string text, XFont font, double width)
    {
        int low = 1, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (TextRuns.Width(g, text[..mid], font) <= width) low = mid; else high = mid - 1;
        }
        // Never split a surrogate pair.
        return low < text.Length && char.IsLowSurrogate(text[low]) && low > 1 ? low - 1 : low;
    }
}
