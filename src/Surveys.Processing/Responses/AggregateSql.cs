using System.Data.Common;
using Surveys.Data;

namespace Surveys.Processing.Responses;

/// <summary>Adds a batch's deltas to the aggregate rows: one batch upsert per table.</summary>
public static class AggregateSql
{
    static readonly BatchColumn<KeyValuePair<AggregateDeltas.ItemKey, AggregateDeltas.Delta>>[] ItemColumns =
    [
        new("scope", "text", e => e.Key.Scope), new("scope_key", "text", e => e.Key.ScopeKey), new("month", "text", e => e.Key.Month),
        new("item", "text", e => e.Key.Item), new("n", "bigint", e => e.Value.N), new("total", "bigint", e => e.Value.Total),
        new("total_sq", "bigint", e => e.Value.TotalSq), new("positives", "bigint", e => e.Value.Positives),
        new("c1", "bigint", e => e.Value.C[0]), new("c2", "bigint", e => e.Value.C[1]), new("c3", "bigint", e => e.Value.C[2]),
        new("c4", "bigint", e => e.Value.C[3]), new("c5", "bigint", e => e.Value.C[4]),
    ];

    static readonly BatchColumn<KeyValuePair<AggregateDeltas.CountKey, long>>[] CountColumns =
    [
        new("scope", "text", e => e.Key.Scope), new("scope_key", "text", e => e.Key.ScopeKey), new("month", "text", e => e.Key.Month),
        new("invitations", "bigint", _ => 0L), new("responses", "bigint", e => e.Value), new("max_expires_at", "bigint", _ => 0L),
    ];

    public static async Task UpsertAsync(DbConnection db, DbTransaction tx, AggregateDeltas deltas)
    {
        await SqlValues.InsertAsync(db, tx, "aggregates", deltas.Items.ToList(), ItemColumns, """
            ON CONFLICT (scope, scope_key, month, item) DO UPDATE SET
                n = aggregates.n + excluded.n, total = aggregates.total + excluded.total,
                total_sq = aggregates.total_sq + excluded.total_sq, positives = aggregates.positives + excluded.positives,
                c1 = aggregates.c1 + excluded.c1, c2 = aggregates.c2 + excluded.c2, c3 = aggregates.c3 + excluded.c3,
                c4 = aggregates.c4 + excluded.c4, c5 = aggregates.c5 + excluded.c5
            """);
        await SqlValues.InsertAsync(db, tx, "monthly_counts", deltas.Responses.ToList(), CountColumns,
            "ON CONFLICT (scope, scope_key, month) DO UPDATE SET responses = monthly_counts.responses + excluded.responses");
    }
}
