using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Reporting;

/// <summary>
/// A real database (a SQLite file, or a PostgreSQL database) with the real schema and known
/// aggregate rows written with SQL, as the worker would have left them: reports are checked
/// against figures whose inputs are known.
/// </summary>
public sealed class ReportDatabase : IAsyncDisposable
{
    ReportDatabase(string folder, Db db)
    {
        Folder = folder;
        Db = db;
    }

    /// <summary>A scratch folder (the SQLite file lives here; the job tests write reports here).</summary>
    public string Folder { get; }
    public Db Db { get; }
    public SurveysOptions Options { get; } = new() { AgencyName = "Eastham Police Department" };

    public static Task<ReportDatabase> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("surveys-reports-").FullName;
        return MigratedAsync(folder, new Db(DatabaseKind.Sqlite, $"Data Source={Path.Combine(folder, "surveys.db")}"));
    }

    public static Task<ReportDatabase> CreatePostgresAsync(string connectionString) =>
        MigratedAsync(Directory.CreateTempSubdirectory("surveys-reports-").FullName, new Db(DatabaseKind.Postgres, connectionString));

    static async Task<ReportDatabase> MigratedAsync(string folder, Db db)
    {
        await Migrator.ApplyAsync(db, NullLogger.Instance);
        return new ReportDatabase(folder, db);
    }

    public async Task NeighborhoodAsync(string code, string name, string? lieutenant)
    {
        await using var c = await Db.OpenAsync();
        await c.ExecuteAsync("INSERT INTO neighborhoods (code, name, lieutenant, updated_at) VALUES (@Code, @Name, @Lieutenant, 0)",
            new { Code = code, Name = name, Lieutenant = lieutenant });
    }

    /// <summary>One scope-month: its counts row and one aggregate row per item from answer counts 1..5.</summary>
    public async Task MonthAsync(string scope, string key, string month, long invitations, long responses, DateTimeOffset expires,
        IReadOnlyDictionary<string, int[]> items)
    {
        await using var c = await Db.OpenAsync();
        await c.ExecuteAsync("""
            INSERT INTO monthly_counts (scope, scope_key, month, invitations, responses, max_expires_at)
            VALUES (@Scope, @Key, @Month, @Invitations, @Responses, @Expires)
            """, new { Scope = scope, Key = key, Month = month, Invitations = invitations, Responses = responses, Expires = expires.ToUnixTimeMilliseconds() });
        foreach (var (item, counts) in items)
            await c.ExecuteAsync("""
                INSERT INTO aggregates (scope, scope_key, month, item, n, total, total_sq, positives, c1, c2, c3, c4, c5)
                VALUES (@Scope, @Key, @Month, @Item, @N, @Total, @TotalSq, @Positives, @C1, @C2, @C3, @C4, @C5)
                """, new
            {
                Scope = scope, Key = key, Month = month, Item = item, N = counts.Sum(),
                Total = counts.Select((n, i) => n * (i + 1)).Sum(), TotalSq = counts.Select((n, i) => n * (i + 1) * (i + 1)).Sum(),
                Positives = counts[3] + counts[4], C1 = counts[0], C2 = counts[1], C3 = counts[2], C4 = counts[3], C5 = counts[4],
            });
    }

    /// <summary>
    /// A stored response carrying a comment, without its contact row (foreign keys off for this
    /// insert only); a shared one also gets the review row the worker queues, approved with
    /// <paramref name="approved"/> as its quote when given, else pending. Returns the response id.
    /// </summary>
    public async Task<string> CommentAsync(string neighborhood, string month, string comment, bool share, long storedAt, string? approved = null)
    {
        const string sql = """
            INSERT INTO responses (id, token_id, contact_id, month, neighborhood, contact_type, overall, comment, wants_complaint,
                wants_follow_up, share_comment, channel, submitted_at, stored_at)
            VALUES (@Id, @Id, @Id, @Month, @Neighborhood, 'call-for-service', 4, @Comment, FALSE, FALSE, @Share, 'web', @StoredAt, @StoredAt)
            """;
        const string reviewSql = """
            INSERT INTO comment_reviews (response_id, neighborhood, month, stored_at, status, quote, created_at)
            VALUES (@Id, @Neighborhood, @Month, @StoredAt, @Status, @Quote, @StoredAt)
            """;
        var row = new { Id = Guid.NewGuid().ToString("N"), Month = month, Neighborhood = neighborhood, Comment = comment, Share = share, StoredAt = storedAt,
            Status = approved is null ? "pending" : "approved", Quote = approved };
        await WithoutForeignKeysAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(sql, row, tx);
            if (share) await c.ExecuteAsync(reviewSql, row, tx);
        });
        return row.Id;
    }

    /// <summary>An IA flag on a response, as the worker raises one for a complaint or an allegation.</summary>
    public Task IaFlagAsync(string responseId, string neighborhood, string month) => WithoutForeignKeysAsync((c, tx) => c.ExecuteAsync("""
        INSERT INTO flags (id, response_id, queue, neighborhood, month, status, created_at, updated_at)
        VALUES (@Id, @ResponseId, 'ia', @Neighborhood, @Month, 'open', 0, 0)
        """, new { Id = Guid.NewGuid().ToString("N"), ResponseId = responseId, Neighborhood = neighborhood, Month = month }, tx));

    async Task WithoutForeignKeysAsync(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> write)
    {
        if (Db.Kind == DatabaseKind.Sqlite)
        {
            await using var c = new SqliteConnection($"Data Source={Path.Combine(Folder, "surveys.db")};Foreign Keys=False");
            await c.OpenAsync();
            await using var tx = await c.BeginTransactionAsync();
            await write(c, tx);
            await tx.CommitAsync();
            return;
        }
        await using var pg = await Db.OpenAsync();
        await using var ptx = await pg.BeginTransactionAsync();
        await pg.ExecuteAsync("SET LOCAL session_replication_role = replica", transaction: ptx); // skips FK triggers (superuser)
        await write(pg, ptx);
        await ptx.CommitAsync();
    }

    public async Task<FigureSet> FiguresAsync(string scope, string key, string month, DateTimeOffset now)
    {
        await using var c = await Db.OpenAsync();
        return await FigureQuery.LoadAsync(c, scope, key, month, Options, now);
    }

    /// <summary>The same answer counts for every item (the common case in these tests).</summary>
    public static Dictionary<string, int[]> AllItems(int[] counts, Dictionary<string, int[]>? overrides = null)
    {
        var items = Surveys.Rules.Instrument.Items.ToDictionary(k => k, _ => counts);
        foreach (var (k, v) in overrides ?? []) items[k] = v;
        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (Db.Kind == DatabaseKind.Sqlite) SqliteConnection.ClearAllPools();
        Shell.TryDeleteDirectory(Folder);
    }
}
