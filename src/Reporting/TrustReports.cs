using System.Data.Common;
using System.Text.RegularExpressions;
using Surveys.Reporting.City;
using Surveys.Reporting.Data;
using Surveys.Reporting.Neighborhood;

namespace Surveys.Reporting;

/// <summary>
/// The reports' public entry: read a month from the aggregates, render a PDF. Used by the API
/// (reports on demand), the command line and the monthly job alike, so all three print the same.
/// </summary>
public static partial class TrustReports
{
    /// <summary>The neighborhood-month PDF, or null when there is no such neighborhood.</summary>
    public static async Task<byte[]?> NeighborhoodAsync(DbConnection db, string code, string month, SurveysOptions options, DateTimeOffset now)
    {
        var data = await NeighborhoodData.LoadAsync(db, code, new ReportContext(month, options, now));
        return data is null ? null : NeighborhoodReport.Render(data);
    }

    public static async Task<byte[]> CityAsync(DbConnection db, string month, SurveysOptions options, DateTimeOffset now) =>
        CityReport.Render(await CityData.LoadAsync(db, new ReportContext(month, options, now)));

    public static string NeighborhoodFileName(string code, string month) => $"trust-report-{month}-{Safe(code)}.pdf";
    public static string CityFileName(string month) => $"trust-report-{month}-city.pdf";

    // Codes are already restricted to letters, digits, '.', '_' and '-'; this keeps a file name
    // safe even for a code that was stored before that rule existed.
    static string Safe(string code) => UnsafeFileCharacters().Replace(code, "_").TrimStart('.');

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeFileCharacters();
}
