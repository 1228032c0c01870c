using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Surveys.Reporting.Pdf;

/// <summary>
/// Serves the DejaVu Sans faces shipped inside this assembly to PDFsharp, so "Nguyễn" and
/// "Muñoz" render the same on a bare container as on a desktop. Every family request maps to
/// DejaVu Sans: the reports ask for nothing else, and a stray request must not fail a report.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold";

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

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    static byte[] Load(string faceName)
    {
        var resource = $"Surveys.Reporting.Fonts.{faceName}.ttf";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Font resource {resource} is missing from the Reporting assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
