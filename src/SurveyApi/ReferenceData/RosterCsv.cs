using Surveys.Api.StaffConsole;
using System.Data.Common;
using System.Text;
using Surveys.Api.Hosting;

namespace Surveys.Api.ReferenceData;

/// <summary>
/// The roster CSV (header badge,name,unit,active) for the API and the console alike: each physical
/// line decoded as strict UTF-8 (a bad byte is that line's error, never a silent U+FFFD in a name),
/// checked as PUT /api/v1/officers would check it, and applied only when good.
/// </summary>
public static class RosterCsv
{
    public sealed record Line(int Number, OfficersApi.Officer Officer);
    public sealed record Parsed(bool HeaderOk, List<Line> Lines, List<OfficerImport.LineError> Errors);

    static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Parsed Parse(byte[] bytes)
    {
        var (lines, errors) = (new List<Line>(), new List<OfficerImport.LineError>());
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var raw = Split(bytes);
        if (raw.Count == 0 || Decode(raw[0]) is not { } header
            || !Csv.Split(header.TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(["badge", "name", "unit", "active"]))
            return new(false, lines, errors);
        for (var i = 1; i < raw.Count; i++)
        {
            var number = i + 1;
            if (Decode(raw[i]) is not { } text) { errors.Add(new(number, "is not valid UTF-8 text")); continue; }
            if (string.IsNullOrWhiteSpace(text)) continue;
            var f = Csv.Split(text);
            if (f.Count != 4) { errors.Add(new(number, $"expected 4 fields, found {f.Count}")); continue; }
            // CSV padding (spaces, tabs) around a badge is dropped; anything else must already be a badge.
            var (badge, name, unit, active) = (f[0].Trim(' ', '\t'), f[1].Trim(), f[2].Trim(), f[3].Trim().ToLowerInvariant());
            // Checked as sent (a trailing U+2028 is refused, not trimmed away), stored trimmed.
            var fieldErrors = OfficersApi.Check(badge, f[1], f[2]);
            if (fieldErrors.Count > 0) { errors.Add(new(number, string.Join("; ", fieldErrors.Select(e => $"{e.Key} {e.Value[0]}")))); continue; }
            if (active is not ("true" or "false" or "1" or "0" or "yes" or "no" or "")) { errors.Add(new(number, "active must be true or false")); continue; }
            if (!seen.Add(badge)) { errors.Add(new(number, $"badge {badge} appears more than once (badges are compared ignoring case)")); continue; }
            lines.Add(new(number, new(badge, name, unit.Length == 0 ? null : unit, active is "true" or "1" or "yes" or "")));
        }
        return new(true, lines, errors);
    }

    /// <summary>Applies the good lines in the caller's transaction; a badge differing only in case from a stored one is that line's error.</summary>
    public static async Task<(int Created, int Updated)> ApplyAsync(DbConnection connection, DbTransaction tx, Parsed parsed, DateTimeOffset now)
    {
        int created = 0, updated = 0;
        foreach (var line in parsed.Lines)
        {
            var (saved, existing) = await OfficersApi.UpsertAsync(connection, tx, line.Officer, now);
            if (saved == Saved.Conflict) parsed.Errors.Add(new(line.Number, $"badge {CaseConflicts.Message(line.Officer.Badge, existing!)}"));
            else if (saved == Saved.Created) created++;
            else updated++;
        }
        parsed.Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (created, updated);
    }

    // Split on LF bytes (never part of a multi-byte UTF-8 sequence), dropping the CR of CRLF.
    static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
            var end = i > start && bytes[i - 1] == (byte)'\r' ? i - 1 : i;
            lines.Add(bytes[start..end]);
            start = i + 1;
        }
        return lines;
    }

    static string? Decode(byte[] line)
    {
        try { return Strict.GetString(line); }
        catch (DecoderFallbackException) { return null; }
    }
}
