using System.Data.Common;
using System.Globalization;
using Dapper;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Processing.Events;

namespace Surveys.Api.Events;

/// <summary>The reads behind the events API and console pages: a page of events, one event, its concerns and survey figures.</summary>
public static class EventQueries
{
    public sealed class Event
    {
        public string Id { get; set; } = "";
        public string? Neighborhood { get; set; }
        public string Kind { get; set; } = "";
        public string Title { get; set; } = "";
        public long StartsAt { get; set; }
        public string Month { get; set; } = "";
        public int? Attendance { get; set; }
        public string Token { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }
    }

    public sealed record Concern(string Id, string Text, string CreatedBy, long CreatedAt);

    const string Columns = "id, neighborhood, kind, title, starts_at AS StartsAt, month, attendance, token, created_by AS CreatedBy, created_at AS CreatedAt";

    /// <summary>Only: null = every event; else these neighborhoods' (a lieutenant's), city-wide events excluded.</summary>
    public sealed record Filter(string? Neighborhood, string[]? Only, string? Month, int Limit, (long StartsAt, string Id)? After);

    public static async Task<(List<Event> Items, string? NextCursor)> ListAsync(DbConnection db, Filter f)
    {
        var only = f.Only is null ? "" : $"AND {Db.AnyOf(db, "neighborhood", "Only")}";
        var sql = $"""
            SELECT {Columns} FROM events
            WHERE (@Neighborhood IS NULL OR neighborhood = @Neighborhood) AND (@Month IS NULL OR month = @Month) {only}
              AND (@AfterId IS NULL OR starts_at < @AfterAt OR (starts_at = @AfterAt AND id < @AfterId))
            ORDER BY starts_at DESC, id DESC LIMIT @Take
            """;
        var rows = (await db.QueryAsync<Event>(sql, new { f.Neighborhood, f.Month, Only = f.Only, AfterAt = f.After?.StartsAt ?? 0, AfterId = f.After?.Id,
            Take = f.Limit + 1 })).ToList();
        if (rows.Count <= f.Limit) return (rows, null);
        rows.RemoveAt(f.Limit);
        var last = rows[^1];
        return (rows, string.Create(CultureInfo.InvariantCulture, $"{last.StartsAt}_{last.Id}"));
    }

    public static bool TryCursor(string? cursor, out (long, string)? after)
    {
        after = null;
        if (cursor is null) return true;
        var parts = cursor.Split('_', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at) || parts[1].Length is 0 or > 64) return false;
        after = (at, parts[1]);
        return true;
    }

    public static Task<Event?> FindAsync(DbConnection db, string id, DbTransaction? tx = null) =>
        db.QuerySingleOrDefaultAsync<Event>($"SELECT {Columns} FROM events WHERE id = @Id", new { Id = id }, tx);

    public static Task<Event?> FindByTokenAsync(DbConnection db, string token) =>
        db.QuerySingleOrDefaultAsync<Event>($"SELECT {Columns} FROM events WHERE token = @Token", new { Token = token });

    public static async Task<List<Concern>> ConcernsAsync(DbConnection db, string eventId) =>
        (await db.QueryAsync<Concern>("SELECT id, text, created_by AS CreatedBy, created_at AS CreatedAt FROM event_concerns WHERE event_id = @Id ORDER BY created_at, id",
            new { Id = eventId })).ToList();

    /// <summary>
    /// The event's survey figures from its own aggregate scope, under the same suppression as the
    /// stats calls. Only the items the event page asks are listed; there are no invitations.
    /// </summary>
    public static Task<FigureSet> FiguresAsync(DbConnection db, Event e, int minResponses) => EventFigures.LoadAsync(db, e.Id, e.Month, minResponses);
}
