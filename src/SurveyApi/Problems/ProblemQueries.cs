using System.Data.Common;
using Dapper;
using Surveys.Data;

namespace Surveys.Api.ProblemSolving;

/// <summary>Problems' reads: a keyset page (newest first) and one problem with its items, evidence, actions and history.</summary>
public static class ProblemQueries
{
    // Properties, not positional records: Dapper converts SQLite's 64-bit integers for properties only.
    public class Row
    {
        public string Id { get; set; } = "";
        public string Neighborhood { get; set; } = "";
        public string Title { get; set; } = "";
        public string? PublicTitle { get; set; }
        public string? PublicTitleApprovedBy { get; set; }
        public string Description { get; set; } = "";
        public string Stage { get; set; } = "";
        public string? ResponseStartedOn { get; set; }
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public List<string> Items { get; set; } = [];
    }

    public class ActionRow
    {
        public string Id { get; set; } = "";
        public string Text { get; set; } = "";
        public string Owner { get; set; } = "";
        public string DueOn { get; set; } = "";
        public string Status { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? ClosedAt { get; set; }
    }

    public sealed class Detail : Row
    {
        public List<(string Kind, string RefId)> Evidence { get; set; } = [];
        public List<ActionRow> Actions { get; set; } = [];
        public List<(string? From, string To, string? Note, string Actor, long At)> History { get; set; } = [];
    }

    const string Columns = """
        id, neighborhood, title, public_title AS PublicTitle, public_title_approved_by AS PublicTitleApprovedBy, description, stage,
        response_started_on AS ResponseStartedOn, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public sealed record Filter(string? Neighborhood, string[]? Only, string? Stage, int Limit, (long CreatedAt, string Id)? Before);

    public static async Task<(List<Row> Items, string? Next)> ListAsync(DbConnection db, Filter f)
    {
        var only = f.Only is null ? "" : $"AND {Db.AnyOf(db, "neighborhood", "Only")}";
        var sql = $"""
            SELECT {Columns} FROM problems
            WHERE (@Neighborhood IS NULL OR neighborhood = @Neighborhood) {only} AND (@Stage IS NULL OR stage = @Stage)
              AND (@BeforeAt IS NULL OR created_at < @BeforeAt OR (created_at = @BeforeAt AND id < @BeforeId))
            ORDER BY created_at DESC, id DESC LIMIT @Take
            """;
        var items = (await db.QueryAsync<Row>(sql, new
        {
            f.Neighborhood, f.Only, f.Stage, BeforeAt = f.Before?.CreatedAt, BeforeId = f.Before?.Id, Take = f.Limit + 1,
        })).ToList();
        string? next = null;
        if (items.Count > f.Limit)
        {
            items.RemoveAt(f.Limit);
            next = FollowUps.FollowUpQueries.Cursor(items[^1].CreatedAt, items[^1].Id); // the same (number, id) cursor shape
        }
        await ItemsAsync(db, items);
        return (items, next);
    }

    public static async Task<Detail?> DetailAsync(DbConnection db, string id)
    {
        var d = await db.QuerySingleOrDefaultAsync<Detail>($"SELECT {Columns} FROM problems WHERE id = @Id", new { Id = id });
        if (d is null) return null;
        await ItemsAsync(db, [d]);
        d.Evidence = (await db.QueryAsync<(string, string)>("SELECT kind, ref_id FROM problem_evidence WHERE problem_id = @Id ORDER BY kind, ref_id", new { Id = id })).ToList();
        d.Actions = (await db.QueryAsync<ActionRow>("""
            SELECT id, text, owner, due_on AS DueOn, status, created_by AS CreatedBy, created_at AS CreatedAt, closed_at AS ClosedAt
            FROM problem_actions WHERE problem_id = @Id ORDER BY due_on, id
            """, new { Id = id })).ToList();
        d.History = (await db.QueryAsync<(string?, string, string?, string, long)>(
            "SELECT from_stage, to_stage, note, actor, at FROM problem_history WHERE problem_id = @Id ORDER BY at, id", new { Id = id })).ToList();
        return d;
    }

    static async Task ItemsAsync(DbConnection db, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0) return;
        var sql = $"SELECT problem_id, item FROM problem_items WHERE {Db.AnyOf(db, "problem_id", "Ids")}";
        var items = (await db.QueryAsync<(string ProblemId, string Item)>(sql, new { Ids = rows.Select(r => r.Id).ToArray() })).ToLookup(i => i.ProblemId, i => i.Item);
        // The instrument's order, so the API, console and PDF list items alike.
        foreach (var row in rows) row.Items = Surveys.Rules.Instrument.Items.Where(items[row.Id].Contains).ToList();
    }
}
