using Surveys.Api.Hosting;
using Surveys.Data;

namespace Surveys.Api.Officers;

/// <summary>
/// Roster import (header badge,name,unit,active). Good lines are applied in one transaction;
/// bad lines are reported by number and change nothing.
/// </summary>
public static class OfficerImport
{
    public sealed record LineError(int Line, string Message);
    public sealed record ImportResult(int Created, int Updated, List<LineError> Errors);

    const int MaxBytes = 2 * 1024 * 1024;

    public static async Task<IResult> Import(HttpRequest request, Db db, TimeProvider time)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "The body must be CSV (Content-Type: text/csv).");
        if (request.ContentLength > MaxBytes) return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", "The roster must be at most 2 MiB.");

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (text.Length > MaxBytes) return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", "The roster must be at most 2 MiB.");
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var header = Csv.Split(lines[0].Trim('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(["badge", "name", "unit", "active"]))
            return Problems.Invalid(new() { { "header", "must be exactly: badge,name,unit,active" } });

        var errors = new List<LineError>();
        var officers = new List<OfficersApi.Officer>();
        var seen = new HashSet<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var f = Csv.Split(lines[i]);
            if (f.Count != 4) { errors.Add(new(i + 1, $"expected 4 fields, found {f.Count}")); continue; }
            var (badge, name, unit, active) = (f[0].Trim(), f[1].Trim(), f[2].Trim(), f[3].Trim().ToLowerInvariant());
            var fieldErrors = OfficersApi.Check(badge, name, unit);
            if (fieldErrors.Count > 0) { errors.Add(new(i + 1, string.Join("; ", fieldErrors.Select(e => $"{e.Key} {e.Value[0]}")))); continue; }
            if (active is not ("true" or "false" or "1" or "0" or "yes" or "no" or "")) { errors.Add(new(i + 1, "active must be true or false")); continue; }
            if (!seen.Add(badge)) { errors.Add(new(i + 1, $"badge {badge} appears more than once")); continue; }
            officers.Add(new(badge, name, unit.Length == 0 ? null : unit, active is "true" or "1" or "yes" or ""));
        }

        int created = 0, updated = 0;
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var officer in officers)
            if (await OfficersApi.UpsertAsync(connection, tx, officer, time.GetUtcNow())) created++; else updated++;
        await tx.CommitAsync();
        return TypedResults.Ok(new ImportResult(created, updated, errors));
    }
}

/// <summary>RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes.</summary>
public static class Csv
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
