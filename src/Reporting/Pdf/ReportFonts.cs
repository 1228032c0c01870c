using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Serves the faces shipped inside this assembly to PDFsharp, so "Nguyễn", "Иванов", "김민준",
/// "王芳" and Arabic render the same on a bare container as on a desktop: DejaVu Sans (Latin incl.
/// Vietnamese, Cyrillic, Arabic presentation forms), NanumSquare (Hangul) and Droid Sans Fallback
/// (Han). All are TrueType (glyf) faces: PDFsharp cannot subset CFF or TTC fonts. The two CJK
/// faces have no bold cut, so bold is simulated. <see cref="Scripts"/> picks the face per run.
/// Any other family request maps to DejaVu Sans: a stray request must not fail a report.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans", Hangul = "NanumSquare", Han = "Droid Sans Fallback";
    const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold";
    internal const string HangulFace = "NanumSquareR", HanFace = "DroidSansFallbackFull";

    static readonly object Gate = new();
    static bool _initialized;
    readonly ConcurrentDictionary<string, byte[]> _faces = new();

    /// <summary>
    /// Sets the font resolver once per process. PDFsharp refuses a second resolver once fonts
    /// were used, and the API, the CLI and the job may all render.
    /// </summary>
    public static void EnsureInitialized()
    {
        if (Volatile.Read(ref _initialized)) return;
        lock (Gate)
        {
            if (_initialized) return;
            GlobalFontSettings.FontResolver ??= new ReportFonts();
            Volatile.Write(ref _initialized, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName switch
    {
        Hangul => new(HangulFace, mustSimulateBold: isBold, mustSimulateItalic: isItalic),
        Han => new(HanFace, mustSimulateBold: isBold, mustSimulateItalic: isItalic),
        _ => new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic),
    };

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    internal static byte[] Load(string faceName)
    {
        var resource = $"Surveys.Reporting.Fonts.{faceName}.ttf";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Font resource {resource} is missing from the Reporting assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
