using Dapper;
using Surveys.Data;


namespace Surveys.Reporting;

/// <summary>
/// Writes a month's full set (every neighborhood and the city) into a folder. Each file is written
/// under a unique temporary name and renamed into place, so a reader, or a second worker doing
/// the same month, only ever sees whole files; the last rename wins and both are identical in figures.
/// </summary>
public static class ReportWriter
{
    public static async Task<IReadOnlyList<string>> WriteMonthAsync(Db db, string month, string folder, SurveysOptions options,
        DateTimeOffset now, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        await using var connection = await db.OpenAsync(ct);
        var codes = (await connection.QueryAsync<string>("SELECT code FROM neighborhoods ORDER BY code")).ToList();
        var written = new List<string>();
        foreach (var code in codes)
        {
            ct.ThrowIfCancellationRequested();
            var pdf = await TrustReports.NeighborhoodAsync(connection, code, month, options, now);
            if (pdf is null) continue; // removed since the list was read
            written.Add(await WriteAtomicallyAsync(Path.Combine(folder, TrustReports.NeighborhoodFileName(code, month)), pdf, ct));
        }
        var city = await TrustReports.CityAsync(connection, month, options, now);
        written.Add(await WriteAtomicallyAsync(Path.Combine(folder, TrustReports.CityFileName(month)), city, ct));
        return written;
    }

    public static async Task<string> WriteAtomicallyAsync(string path, byte[] content, CancellationToken ct = default)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return path;
    }
}
