using System.Data.Common;
using Dapper;
using Surveys.Data;

namespace Surveys.Worker.Responses;

/// <summary>Adds a batch's deltas to the aggregate rows: one multi-row upsert per table.</summary>
public static class AggregateSql
{
    // Keeps each statement well under SQLite's bound-parameter limit (32,766).
    const int RowsPerStatement = 1000;

    public static async Task UpsertAsync(DbConnection db, DbTransaction tx, AggregateDeltas deltas)
    {
        foreach (var chunk in deltas.Items.Chunk(RowsPerStatement))
        {
            var (values, parameters) = SqlValues.Build(chunk,
                ("scope", e => e.Key.Scope), ("scope_key", e => e.Key.ScopeKey), ("month", e => e.Key.Month), ("item", e => e.Key.Item),
                ("n", e => e.Value.N), ("total", e => e.Value.Total), ("total_sq", e => e.Value.TotalSq), ("positives", e => e.Value.Positives),
                ("c1", e => e.Value.C[0]), ("c2", e => e.Value.C[1]), ("c3", e => e.Value.C[2]), ("c4", e => e.Value.C[3]), ("c5", e => e.Value.C[4]));
            var sql = $"""
                INSERT INTO aggregates (scope, scope_key, month, item, n, total, total_sq, positives, c1, c2, c3, c4, c5)
                VALUES {values}
                ON CONFLICT (scope, scope_key, month, item) DO UPDATE SET
                    n = aggregates.n + excluded.n, total = aggregates.total + excluded.total,
                    total_sq = aggregates.total_sq + excluded.total_sq, positives = aggregates.positives + excluded.positives,
                    c1 = aggregates.c1 + excluded.c1, c2 = aggregates.c2 + excluded.c2, c3 = aggregates.c3 + excluded.c3,
                    c4 = aggregates.c4 + excluded.c4, c5 = aggregates.c5 + excluded.c5
                """;
            await db.ExecuteAsync(sql, parameters, tx);
        }
        foreach (var chunk in deltas.Responses.Chunk(RowsPerStatement))
        {
            var (values, parameters) = SqlValues.Build(chunk,
                ("scope", e => e.Key.Scope), ("scope_key", e => e.Key.ScopeKey), ("month", e => e.Key.Month),
                ("invitations", _ => 0L), ("responses", e => e.Value), ("max_expires_at", _ => 0L));
            var sql = $"""
                INSERT INTO monthly_counts (scope, scope_key, month, invitations, responses, max_expires_at)
                VALUES {values}
                ON CONFLICT (scope, scope_key, month) DO UPDATE SET responses = monthly_counts.responses + excluded.responses
                """;
            await db.ExecuteAsync(sql, parameters, tx);
        }
    }
}
