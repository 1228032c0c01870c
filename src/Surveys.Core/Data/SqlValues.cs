using System.Text;
using Dapper;

namespace Surveys.Data;

/// <summary>
/// Builds one parameterised multi-row <c>VALUES (…), (…)</c> list, so a batch is one statement
/// (one round-trip) instead of one per row. Both SQLite and PostgreSQL accept the result.
/// </summary>
public static class SqlValues
{
    public static (string Sql, DynamicParameters Parameters) Build<T>(IReadOnlyList<T> rows, params (string Column, Func<T, object?> Value)[] columns)
    {
        var sql = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"p{r}_{c}";
                if (c > 0) sql.Append(", ");
                sql.Append('@').Append(name);
                parameters.Add(name, columns[c].Value(rows[r]));
            }
            sql.Append(')');
        }
        return (sql.ToString(), parameters);
    }

    public static string ColumnList<T>((string Column, Func<T, object?> Value)[] columns) =>
        string.Join(", ", columns.Select(c => c.Column));
}
