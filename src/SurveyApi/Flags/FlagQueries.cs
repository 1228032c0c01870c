using System.Data.Common;
using Dapper;
using Surveys.Data;

namespace Surveys.Api.Flags;

/// <summary>The reads behind the IA API and the console: a filtered queue page and one flag in full.</summary>
public static class FlagQueries
{
    public sealed record Filter(string Queue, string? Status = null, string? Reason = null, string? Neighborhood = null,
        string? Officer = null, string[]? OnlyNeighborhoods = null, int Limit = 100, int Offset = 0);

    public sealed class Summary
    {
        public string Id { get; set; } = "";
        public string Queue { get; set; } = "";
        public string Status { get; set; } = "";
        public string Neighborhood { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public List<Reason> Reasons { get; set; } = [];
        public List<string> Officers { get; set; } = [];
    }

    public sealed class Reason
    {
        public string FlagId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Rule { get; set; } = "";
        public string? Detail { get; set; }
    }

    /// <summary>The flag, its response (never the phone), the contact and neighborhood; or its event answer and event.</summary>
    public sealed class Detail
    {
        public string Id { get; set; } = "";
        public string Queue { get; set; } = "";
        public string Status { get; set; } = "";
        public string? StatusReason { get; set; }
        public string Neighborhood { get; set; } = "";
        public string? NeighborhoodName { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public string ResponseId { get; set; } = "";
        public int Overall { get; set; }
        public int? Respect { get; set; }
        public int? Voice { get; set; }
        public int? Fairness { get; set; }
        public int? Explanation { get; set; }
        public int? Trust { get; set; }
        public string? Comment { get; set; }
        public bool WantsComplaint { get; set; }
        public bool WantsFollowUp { get; set; }
        public bool ShareComment { get; set; }
        public string Channel { get; set; } = "";
        public long SubmittedAt { get; set; }
        public string ExternalId { get; set; } = "";
        public string ContactType { get; set; } = "";
        public long OccurredAt { get; set; }
        public string Language { get; set; } = "";
        /// <summary>Set when the flag is on an event survey answer (docs/events.md): no contact, no officers.</summary>
        public string? EventId { get; set; }
        public string? EventTitle { get; set; }
        public List<Reason> Reasons { get; set; } = [];
        public List<(string Badge, string? Name)> Officers { get; set; } = [];
        public List<(string Id, string Author, string Text, long CreatedAt)> Notes { get; set; } = [];
        public List<(string From, string To, string Reason, string Actor, long At)> History { get; set; } = [];
    }

    public static async Task<List<Summary>> ListAsync(DbConnection db, Filter f)
    {
        var only = f.OnlyNeighborhoods is null ? "" : $"AND {Db.AnyOf(db, "f.neighborhood", "Only")}";
        var sql = $"""
            SELECT f.id, f.queue, f.status, f.neighborhood, f.created_at AS CreatedAt, f.updated_at AS UpdatedAt FROM flags f
            WHERE f.queue = @Queue AND (@Status IS NULL OR f.status = @Status) AND (@Neighborhood IS NULL OR f.neighborhood = @Neighborhood)
              AND (@Reason IS NULL OR EXISTS (SELECT 1 FROM flag_reasons r WHERE r.flag_id = f.id AND r.reason = @Reason))
              AND (@Officer IS NULL OR EXISTS (SELECT 1 FROM responses s JOIN contact_officers o ON o.contact_id = s.contact_id
                                               WHERE s.id = f.response_id AND o.badge = @Officer))
              {only}
            ORDER BY f.created_at DESC, f.id DESC LIMIT @Limit OFFSET @Offset
            """;
        var flags = (await db.QueryAsync<Summary>(sql, new { f.Queue, f.Status, f.Neighborhood, f.Reason, f.Officer, Only = f.OnlyNeighborhoods, f.Limit, f.Offset })).ToList();
        if (flags.Count == 0) return flags;

        var ids = flags.Select(x => x.Id).ToArray();
        var reasons = (await db.QueryAsync<Reason>($"SELECT flag_id AS FlagId, reason AS Name, rule, detail FROM flag_reasons WHERE {Db.AnyOf(db, "flag_id", "Ids")} ORDER BY reason",
            new { Ids = ids })).ToLookup(r => r.FlagId);
        var officersSql = $"""
            SELECT f.id, o.badge FROM flags f JOIN responses s ON s.id = f.response_id JOIN contact_officers o ON o.contact_id = s.contact_id
            WHERE {Db.AnyOf(db, "f.id", "Ids")} ORDER BY o.badge
            """;
        var officers = (await db.QueryAsync<(string Id, string Badge)>(officersSql, new { Ids = ids })).ToLookup(o => o.Id, o => o.Badge);
        foreach (var flag in flags)
        {
            flag.Reasons = reasons[flag.Id].ToList();
            flag.Officers = officers[flag.Id].ToList();
        }
        return flags;
    }

    public static async Task<Detail?> DetailAsync(DbConnection db, string id, DbTransaction? tx = null)
    {
        const string sql = """
            SELECT f.id, f.queue, f.status, f.status_reason AS StatusReason, f.neighborhood, n.name AS NeighborhoodName,
                   f.created_at AS CreatedAt, f.updated_at AS UpdatedAt, COALESCE(r.id, er.id) AS ResponseId, COALESCE(r.overall, er.overall) AS Overall,
                   r.respect, COALESCE(r.voice, er.voice) AS Voice, r.fairness, r.explanation, COALESCE(r.trust, er.trust) AS Trust,
                   COALESCE(r.comment, er.comment) AS Comment, r.wants_complaint AS WantsComplaint, r.wants_follow_up AS WantsFollowUp,
                   r.share_comment AS ShareComment, COALESCE(r.channel, 'event') AS Channel, COALESCE(r.submitted_at, er.submitted_at) AS SubmittedAt,
                   COALESCE(c.external_id, '') AS ExternalId, COALESCE(c.contact_type, ev.kind) AS ContactType,
                   COALESCE(c.occurred_at, ev.starts_at) AS OccurredAt, COALESCE(c.language, er.language) AS Language,
                   ev.id AS EventId, ev.title AS EventTitle
            FROM flags f LEFT JOIN responses r ON r.id = f.response_id LEFT JOIN contacts c ON c.id = r.contact_id
            LEFT JOIN event_responses er ON er.id = f.event_response_id LEFT JOIN events ev ON ev.id = er.event_id
            LEFT JOIN neighborhoods n ON n.code = f.neighborhood
            WHERE f.id = @Id
            """;
        var detail = await db.QuerySingleOrDefaultAsync<Detail>(sql, new { Id = id }, tx);
        if (detail is null) return null;
        detail.Reasons = (await db.QueryAsync<Reason>("SELECT flag_id AS FlagId, reason AS Name, rule, detail FROM flag_reasons WHERE flag_id = @Id ORDER BY reason", new { Id = id }, tx)).ToList();
        detail.Officers = (await db.QueryAsync<(string, string?)>("""
            SELECT o.badge, o.name FROM responses r JOIN contact_officers co ON co.contact_id = r.contact_id JOIN officers o ON o.badge = co.badge
            WHERE r.id = @ResponseId ORDER BY o.badge
            """, new { detail.ResponseId }, tx)).ToList();
        detail.Notes = (await db.QueryAsync<(string, string, string, long)>(
            "SELECT id, author, text, created_at FROM flag_notes WHERE flag_id = @Id ORDER BY created_at, id", new { Id = id }, tx)).ToList();
        detail.History = (await db.QueryAsync<(string, string, string, string, long)>(
            "SELECT from_status, to_status, reason, actor, at FROM flag_history WHERE flag_id = @Id ORDER BY at, id", new { Id = id }, tx)).ToList();
        return detail;
    }
}
