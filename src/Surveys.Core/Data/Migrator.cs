using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Surveys.Data;

/// <summary>
/// Applies the numbered plain-SQL files of the dialect in order, each in its own transaction,
/// and records them in schema_migrations. Safe when several workers start at once: PostgreSQL
/// serialises them on an advisory lock, SQLite on its write lock (BEGIN IMMEDIATE).
/// </summary>
public static partial class Migrator
{
    const long AdvisoryLockKey = 0x5375727665797301; // "Surveys\x01"

    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> For(DatabaseKind kind)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"Surveys.Data.Migrations.{kind}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Match: FileName().Match(n[prefix.Length..]), Resource: n))
            .Where(x => x.Match.Success)
            .Select(x => new Migration(int.Parse(x.Match.Groups[1].Value), x.Match.Groups[2].Value, Read(assembly, x.Resource)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static async Task<int> ApplyAsync(Db db, ILogger logger, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (db.Kind == DatabaseKind.Sqlite) await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        else await connection.ExecuteAsync("SELECT pg_advisory_lock(@Key)", new { Key = AdvisoryLockKey });
        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            var applied = 0;
            foreach (var migration in For(db.Kind))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                // Re-read inside the transaction: another process may have applied it meanwhile.
                var done = await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, tx);
                if (done > 0) continue;
                await connection.ExecuteAsync(migration.Sql, transaction: tx);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { migration.Version, migration.Name, Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
                applied++;
            }
            return applied;
        }
        finally
        {
            if (db.Kind == DatabaseKind.Postgres)
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key = AdvisoryLockKey });
        }
    }

    /// <summary>True when every embedded migration is recorded (the API is not ready until then).</summary>
    public static async Task<bool> IsCurrentAsync(DbConnection connection, DatabaseKind kind)
    {
        var latest = For(kind).Max(m => m.Version);
        try { return await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_migrations") >= latest; }
        catch (DbException) { return false; } // no schema_migrations table yet
    }

    static string Read(Assembly assembly, string resource)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\A([0-9]+)_([A-Za-z0-9_]+)\.sql\z")]
    private static partial Regex FileName();
}
