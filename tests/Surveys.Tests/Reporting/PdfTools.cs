using System.Text.RegularExpressions;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

/// <summary>The PDFs checked with real tools: poppler's pdftotext and pdfinfo, and qpdf.</summary>
public static partial class PdfTools
{
    /// <summary>The text as pdftotext extracts it, whitespace collapsed so phrases match across layout.</summary>
    public static async Task<string> TextAsync(byte[] pdf, string name)
    {
        var file = await SaveAsync(pdf, name);
        var result = await Shell.RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"]);
        return Spaces().Replace(result.StdOut, " ");
    }

    /// <summary>qpdf --check: exit code 0 means no syntax or stream errors, not even warnings.</summary>
    public static async Task AssertValidAsync(byte[] pdf, string name)
    {
        var result = await Shell.RunAsync("qpdf", ["--check", await SaveAsync(pdf, name)], check: false);
        Assert.True(result.ExitCode == 0, $"qpdf --check exited {result.ExitCode}:\n{result.StdOut}\n{result.StdErr}");
    }

    public static async Task<string> InfoAsync(byte[] pdf, string name) =>
        (await Shell.RunAsync("pdfinfo", [await SaveAsync(pdf, name)])).StdOut;

    public static async Task<string> FontsAsync(byte[] pdf, string name) =>
        (await Shell.RunAsync("pdffonts", [await SaveAsync(pdf, name)])).StdOut;

    /// <summary>
    /// Writes the PDF where the tools can read it: a temp folder, or SURVEYS_REPORT_SAMPLES when set,
    /// so a developer can keep every rendered report and look at it (pdftoppm -png).
    /// </summary>
    static async Task<string> SaveAsync(byte[] pdf, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SURVEYS_REPORT_SAMPLES") is { Length: > 0 } samples
            ? Directory.CreateDirectory(samples).FullName
            : Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "surveys-report-tests")).FullName;
        var file = Path.Combine(folder, $"{name}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        return file;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
