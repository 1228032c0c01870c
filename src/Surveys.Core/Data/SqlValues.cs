using System.Data.Common;
using System.Text;
using Dapper;
using Npgsql;

namespace Surveys.Data;

/// <summary>A column of a batch insert: its name, its PostgreSQL type, and how to read it from a row.</summary>
public readonly record struct BatchColumn<T>(string Name, string PgType, Func<T, object?> Value);

/// <summary>
/// The row source of a batch insert, so a batch is one statement (one round-trip). PostgreSQL
/// gets one typed array per column through <c>SELECT * FROM unnest(…)</c> — a few parameters
/// whatever the batch size, so parsing and planning stay cheap; SQLite, which has no arrays,
/// gets a parameterised multi-row <c>VALUES (…), (…)</c>. Use as
/// <c>INSERT INTO t (columns) {source} ON CONFLICT …</c>.
/// </summary>
public static class SqlValues
{
    public static (string Source, DynamicParameters Parameters) Build<T>(DbConnection connection, IReadOnlyList<T> rows, BatchColumn<T>[] columns) =>
        connection is NpgsqlConnection ? Unnest(rows, columns) : Values(rows, columns);

    public static string ColumnList<T>(BatchColumn<T>[] columns) => string.Join(", ", columns.Select(c => c.Name));

    /// <summary>
    /// <c>INSERT INTO table (columns) {source} {onConflict}</c> in chunks, returning the rows
    /// affected. Chunks keep SQLite under its bound-parameter limit (32,766); the generated texts
    /// vary with the row count, so Dapper must not cache them (they would pile up in its cache).
    /// </summary>
    public static async Task<int> InsertAsync<T>(DbConnection db, DbTransaction tx, string table, IReadOnlyList<T> rows,
        BatchColumn<T>[] columns, string onConflict, int rowsPerStatement = 1000)
    {
        var affected = 0;
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            var (source, parameters) = Build(db, chunk, columns);
            var sql = $"INSERT INTO {table} ({ColumnList(columns)}) {source} {onConflict}";
            affected += await db.ExecuteAsync(new CommandDefinition(sql, parameters, tx, flags: CommandFlags.NoCache));
        }
        return affected;
    }

    static (string, DynamicParameters) Unnest<T>(IReadOnlyList<T> rows, BatchColumn<T>[] columns)
    {
        var parameters = new DynamicParameters();
        var arguments = new List<string>();
        for (var c = 0; c < columns.Length; c++)
        {
            parameters.Add($"a{c}", TypedArray(columns[c].PgType, rows.Select(columns[c].Value)));
            arguments.Add($"@a{c}::{columns[c].PgType}[]");
        }
        return ($"SELECT * FROM unnest({string.Join(", ", arguments)})", parameters);
    }

    // Npgsql writes typed .NET arrays only (not object[]).
    static object TypedArray(string pgType, IEnumerable<object?> values) => pgType switch
    {
        "text" => values.Select(v => (string?)v).ToArray(),
        "bigint" => values.Select(v => v is null ? (long?)null : Convert.ToInt64(v)).ToArray(),
        "smallint" => values.Select(v => v is null ? (short?)null : Convert.ToInt16(v)).ToArray(),
        "boolean" => values.Select(v => v is null ? (bool?)null : (bool)v).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(pgType), pgType, "add the array type here"),
    };

    static (string, DynamicParameters) Values<T>(IReadOnlyList<T> rows, BatchColumn<T>[] columns)
    {
        var sql = new StringBuilder("VALUES ");
        var parameters = new DynamicParameters();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0) sql.Append(", ");
                sql.Append($"@p{r}_{c}");
                parameters.Add($"p{r}_{c}", columns[c].Value(rows[r]));
            }
            sql.Append(')');
        }
        return (sql.ToString(), parameters);
    }
}
