using System.Data.Common;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Surveys.Data;

namespace Surveys.Api.FollowUps;

/// <summary>The follow-up queue's reads: a keyset page ordered by due date, and one request in full.</summary>
public static class FollowUpQueries
{
    public const string Open = "open", Contacted = "contacted", Closed = "closed", Overdue = "overdue";
    public static readonly string[] Filters = [Open, Contacted, Closed, Overdue];

    // Properties, not positional records: Dapper converts SQLite's 64-bit integers for properties only.
    public class Item
    {
        public string Id { get; set; } = "";
        public string Neighborhood { get; set; } = "";
        public string ContactId { get; set; } = "";
        public long CreatedAt { get; set; }
        public long DueAt { get; set; }
        public string Status { get; set; } = "";
        public string? Outcome { get; set; }
        public long? ContactedAt { get; set; }
        public int Overall { get; set; }
        public List<string> Officers { get; set; } = [];
    }

    public sealed class Detail : Item
    {
        public string? NeighborhoodName { get; set; }
        public string? Lieutenant { get; set; }
        public int? Respect { get; set; }
        public int? Voice { get; set; }
        public int? Fairness { get; set; }
        public int? Explanation { get; set; }
        public int? Trust { get; set; }
        public string? Comment { get; set; }
        public string Language { get; set; } = "";
        public string ContactType { get; set; } = "";
        public long OccurredAt { get; set; }
        public bool PhoneRetained { get; set; }
        public List<(string Id, string Author, string Text, long CreatedAt)> Notes { get; set; } = [];
        public List<(string From, string To, string? Outcome, string? Note, string Actor, long At)> History { get; set; } = [];
        public List<(string Kind, string Status)> Texts { get; set; } = [];
    }

    public sealed record Filter(string? Neighborhood, string[]? Only, string? Status, int Limit, (long DueAt, string Id)? After, DateTimeOffset Now,
        long? DueBefore = null);

    /// <summary>Up to <c>Limit</c> items and the cursor of the next page (null on the last).</summary>
    public static async Task<(List<Item> Items, string? Next)> ListAsync(DbConnection db, Filter f)
    {
        var only = f.Only is null ? "" : $"AND {Db.AnyOf(db, "f.neighborhood", "Only")}";
        var status = f.Status switch
        {
            null => "",
            Overdue => "AND f.status = 'open' AND f.due_at <= @Now",
            _ => "AND f.status = @Status",
        };
        var sql = $"""
            SELECT f.id, f.neighborhood, f.contact_id AS ContactId, f.created_at AS CreatedAt, f.due_at AS DueAt, f.status, f.outcome,
                   f.contacted_at AS ContactedAt, r.overall
            FROM follow_ups f JOIN responses r ON r.id = f.response_id
            WHERE (@Neighborhood IS NULL OR f.neighborhood = @Neighborhood) {only} {status}
              AND (@DueBefore IS NULL OR f.due_at <= @DueBefore)
              AND (@AfterDue IS NULL OR f.due_at > @AfterDue OR (f.due_at = @AfterDue AND f.id > @AfterId))
            ORDER BY f.due_at, f.id LIMIT @Take
            """;
        var items = (await db.QueryAsync<Item>(sql, new
        {
            f.Neighborhood, Only = f.Only, f.Status, Now = f.Now.ToUnixTimeMilliseconds(), f.DueBefore,
            AfterDue = f.After?.DueAt, AfterId = f.After?.Id, Take = f.Limit + 1,
        })).ToList();
        string? next = null;
        if (items.Count > f.Limit)
        {
            items.RemoveAt(f.Limit);
            next = Cursor(items[^1].DueAt, items[^1].Id);
        }
        await OfficersAsync(db, items);
        return (items, next);
    }

    public static async Task<Detail?> DetailAsync(DbConnection db, string id, DbTransaction? tx = null)
    {
        const string sql = """
            SELECT f.id, f.neighborhood, f.contact_id AS ContactId, f.created_at AS CreatedAt, f.due_at AS DueAt, f.status, f.outcome,
                   f.contacted_at AS ContactedAt, r.overall, r.respect, r.voice, r.fairness, r.explanation, r.trust, r.comment,
                   c.language, c.contact_type AS ContactType, c.occurred_at AS OccurredAt, c.phone_enc IS NOT NULL AS PhoneRetained,
                   n.name AS NeighborhoodName, n.lieutenant
            FROM follow_ups f JOIN responses r ON r.id = f.response_id JOIN contacts c ON c.id = f.contact_id
            LEFT JOIN neighborhoods n ON n.code = f.neighborhood
            WHERE f.id = @Id
            """;
        var d = await db.QuerySingleOrDefaultAsync<Detail>(sql, new { Id = id }, tx);
        if (d is null) return null;
        await OfficersAsync(db, [d], tx);
        d.Notes = (await db.QueryAsync<(string, string, string, long)>(
            "SELECT id, author, text, created_at FROM follow_up_notes WHERE follow_up_id = @Id ORDER BY created_at, id", new { Id = id }, tx)).ToList();
        d.History = (await db.QueryAsync<(string, string, string?, string?, string, long)>(
            "SELECT from_status, to_status, outcome, note, actor, at FROM follow_up_history WHERE follow_up_id = @Id ORDER BY at, id", new { Id = id }, tx)).ToList();
        d.Texts = (await db.QueryAsync<(string, string)>(
            "SELECT kind, status FROM follow_up_texts WHERE follow_up_id = @Id ORDER BY created_at, kind", new { Id = id }, tx)).ToList();
        return d;
    }

    static async Task OfficersAsync(DbConnection db, IReadOnlyList<Item> items, DbTransaction? tx = null)
    {
        if (items.Count == 0) return;
        var sql = $"SELECT contact_id, badge FROM contact_officers WHERE {Db.AnyOf(db, "contact_id", "Ids")} ORDER BY badge";
        var officers = (await db.QueryAsync<(string ContactId, string Badge)>(sql, new { Ids = items.Select(i => i.ContactId).Distinct().ToArray() }, tx))
            .ToLookup(o => o.ContactId, o => o.Badge);
        foreach (var item in items) item.Officers = officers[item.ContactId].ToList();
    }

    public static string Cursor(long dueAt, string id) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{dueAt}|{id}"));

    public static bool TryCursor(string? text, out (long DueAt, string Id)? after)
    {
        after = null;
        if (text is null) return true;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('|', 2);
            if (parts.Length != 2 || !long.TryParse(parts[0], out var due) || parts[1].Length is 0 or > 64) return false;
            after = (due, parts[1]);
            return true;
        }
        catch (FormatException) { return false; }
    }
}
