using Surveys.Api.StaffConsole;
using Surveys.Api.Hosting;
using Surveys.Data;

namespace Surveys.Api.ReferenceData;

/// <summary>
/// Roster import (header badge,name,unit,active). Good lines are applied in one transaction;
/// bad lines are reported by number and change nothing.
/// </summary>
public static class OfficerImport
{
    public sealed record LineError(int Line, string Message);
    public sealed record ImportResult(int Created, int Updated, List<LineError> Errors);

    public const int MaxBytes = 2 * 1024 * 1024;

    public static async Task<IResult> Import(HttpRequest request, Db db, TimeProvider time)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "The body must be CSV (Content-Type: text/csv).");
        if (await BoundedBody.ReadAsync(request, MaxBytes) is not { } bytes)
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", "The roster must be at most 2 MiB.");
        var parsed = RosterCsv.Parse(bytes);
        if (!parsed.HeaderOk) return Problems.Invalid(new() { { "header", "must be exactly: badge,name,unit,active" } });

        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        int created, updated;
        // The pre-check in UpsertAsync finds case variants; only a concurrent import can still hit the index.
        try { (created, updated) = await RosterCsv.ApplyAsync(connection, tx, parsed, time.GetUtcNow()); }
        catch (Exception e) when (Db.IsUniqueViolation(e))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Roster changed meanwhile", "Another change to the roster added one of these badges; nothing was applied. Import again.");
        }
        await tx.CommitAsync();
        return TypedResults.Ok(new ImportResult(created, updated, parsed.Errors));
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
