using System.Data.Common;
using Dapper;
using Surveys.Data;

namespace Surveys.Api.Commendations;

/// <summary>
/// Officers' commendations. The resident's words are shown only when they agreed to share them
/// (shareComment); otherwise the ratings speak for themselves.
/// </summary>
public static class CommendationQueries
{
    public sealed record OfficerCount(string Badge, string? Name, long Count);

    public sealed class Item
    {
        public string ResponseId { get; set; } = "";
        public long CreatedAt { get; set; }
        public string Month { get; set; } = "";
        public string Neighborhood { get; set; } = "";
        public string ContactType { get; set; } = "";
        public int Overall { get; set; }
        public string? SharedComment { get; set; }
    }

    /// <summary>Officers by number of commendations; a lieutenant counts only their neighborhoods'.</summary>
    public static async Task<List<OfficerCount>> CountsAsync(DbConnection db, string? month, string[]? onlyNeighborhoods)
    {
        var only = onlyNeighborhoods is null ? "" : $"AND {Db.AnyOf(db, "c.neighborhood", "Only")}";
        var sql = $"""
            SELECT c.badge, o.name, COUNT(*) AS count FROM commendations c JOIN officers o ON o.badge = c.badge
            WHERE (@Month IS NULL OR c.month = @Month) {only}
            GROUP BY c.badge, o.name ORDER BY COUNT(*) DESC, c.badge LIMIT 500
            """;
        return (await db.QueryAsync<OfficerCount>(sql, new { Month = month, Only = onlyNeighborhoods })).ToList();
    }

    public static async Task<List<Item>> ForOfficerAsync(DbConnection db, string badge, string? month, string[]? onlyNeighborhoods)
    {
        var only = onlyNeighborhoods is null ? "" : $"AND {Db.AnyOf(db, "c.neighborhood", "Only")}";
        var sql = $"""
            SELECT c.response_id AS ResponseId, c.created_at AS CreatedAt, c.month, c.neighborhood, r.contact_type AS ContactType, r.overall,
                   CASE WHEN r.share_comment THEN r.comment ELSE NULL END AS SharedComment
            FROM commendations c JOIN responses r ON r.id = c.response_id
            WHERE c.badge = @Badge AND (@Month IS NULL OR c.month = @Month) {only}
            ORDER BY c.created_at DESC LIMIT 500
            """;
        return (await db.QueryAsync<Item>(sql, new { Badge = badge, Month = month, Only = onlyNeighborhoods })).ToList();
    }

    public static Task<string?> OfficerNameAsync(DbConnection db, string badge) =>
        db.QuerySingleOrDefaultAsync<string?>("SELECT COALESCE(name, badge) FROM officers WHERE badge = @Badge", new { Badge = badge });
}
