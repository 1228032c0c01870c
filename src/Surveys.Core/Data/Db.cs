using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Surveys.Data;

/// <summary>
/// Opens connections for the configured dialect. The only place that knows which database is
/// behind the SQL; where the two dialects' SQL differs, callers pick with <see cref="Sql"/>.
/// </summary>
public sealed class Db : IAsyncDisposable
{
    readonly NpgsqlDataSource? _postgres;
    readonly string _connectionString;

    public Db(DatabaseKind kind, string connectionString)
    {
        Kind = kind;
        _connectionString = connectionString;
        if (kind == DatabaseKind.Postgres) _postgres = NpgsqlDataSource.Create(connectionString);
        else EnsureSqliteFolder(connectionString);
    }

    public DatabaseKind Kind { get; }

    public static Db FromOptions(SurveysOptions options, string? connectionString)
    {
        if (connectionString is null && options.DatabaseKind == DatabaseKind.Postgres)
            throw new InvalidOperationException("ConnectionStrings:Surveys is required for PostgreSQL (e.g. Host=...;Database=surveys;Username=...;Password=...).");
        return new Db(options.DatabaseKind, connectionString ?? $"Data Source={Path.Combine(options.DataDirectory, "surveys.db")}");
    }

    /// <summary>The SQLite database file's full path (null for PostgreSQL or an in-memory database).</summary>
    public static string? SqliteFile(SurveysOptions options, string? connectionString)
    {
        if (options.DatabaseKind != DatabaseKind.Sqlite) return null;
        var file = new SqliteConnectionStringBuilder(connectionString ?? $"Data Source={Path.Combine(options.DataDirectory, "surveys.db")}").DataSource;
        return file is "" or ":memory:" ? null : Path.GetFullPath(file);
    }

    public string Sql(string sqlite, string postgres) => Kind == DatabaseKind.Sqlite ? sqlite : postgres;

    /// <summary>
    /// "column matches any of @parameter" (pass an array): Dapper expands IN lists for SQLite, while
    /// Npgsql takes the array as one parameter, which PostgreSQL compares with = ANY.
    /// </summary>
    public static string AnyOf(DbConnection connection, string column, string parameter) =>
        connection is NpgsqlConnection ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>A unique index refused the row: in either dialect, e.g. a case variant of a code that raced its twin.</summary>
    public static bool IsUniqueViolation(Exception e) =>
        e is SqliteException { SqliteExtendedErrorCode: 2067 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        // The API and the in-process worker write concurrently: wait for the lock rather than fail.
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:") Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// After a database restart every pooled connection is dead; dropping them at the first
    /// failure costs one error instead of one per pooled connection.
    /// </summary>
    public void ClearPool() => _postgres?.Clear();

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
