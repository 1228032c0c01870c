using Dapper;
using Microsoft.Data.Sqlite;
using Surveys.Rules;

namespace Surveys.ReportBench;

/// <summary>
/// Seeds a benchmark database. Aggregates and counts are written directly, as the worker would
/// have left them after <c>perNeighborhood</c> responses in each of 100 neighborhoods: that is
/// honest for everything a report reads from the aggregates (a row holds n whatever n is). The
/// one read of rows, the approved quotes, gets real rows: every response of neighborhood N001 in
/// the benchmarked month is inserted into <c>responses</c>, 1% of them with a shared comment, each
/// with its review row (every other one approved, the rest still pending).
/// </summary>
public static class BenchData
{
    public const int NeighborhoodCount = 100;
    static readonly string[] Names = ["Downtown", "Riverside", "North End", "Eastgate", "Hillcrest", "Southside", "Harbor Point", "Old Mill",
        "Westbrook", "Cedar Park", "Lakeview", "Fairmont", "Kingsbridge", "Mill Creek", "Oak Hill", "St. Agnes", "Union Square", "Brookside"];
    public static readonly string[] Types = ["call-for-service", "traffic-stop", "report-taken", "welfare-check"];
    static readonly double[] TypeShare = [0.5, 0.25, 0.15, 0.10];

    /// <summary>
    /// <paramref name="varied"/> (for looking at a sample) gives neighborhoods and months different
    /// volumes, some below the suppression threshold; the benchmark keeps them all equal.
    /// </summary>
    public static async Task SeedAsync(string file, string month, long perNeighborhood, DateTimeOffset expiresAt,
        int neighborhoods = NeighborhoodCount, bool varied = false)
    {
        await using var db = new SqliteConnection($"Data Source={file};Foreign Keys=False"); // response rows without contacts
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        for (var i = 1; i <= neighborhoods; i++)
            await db.ExecuteAsync("INSERT INTO neighborhoods (code, name, lieutenant, updated_at) VALUES (@Code, @Name, @Lt, 0)",
                new { Code = Code(i), Name = i <= Names.Length ? Names[i - 1] : $"District {i}", Lt = i % 2 == 1 ? $"Lt. Nguyễn Văn {i}" : $"Lt. Ana Muñoz {i}" }, tx);
        for (var back = 12; back >= 0; back--)
        {
            var m = Months.Shift(month, -back);
            var expires = expiresAt.AddMonths(-back).ToUnixTimeMilliseconds();
            long Volume(int i) => !varied ? perNeighborhood
                : i % 7 == 0 && back % 3 != 0 ? 4 + i % 5 // a quiet neighborhood: most months withheld
                : perNeighborhood * (40 + (i * 37 + back * 11) % 90) / 100;
            var total = Enumerable.Range(1, neighborhoods).Sum(Volume);
            await WriteScopeAsync(db, tx, "city", "", m, total, 0.0, expires);
            for (var t = 0; t < Types.Length; t++)
                await WriteScopeAsync(db, tx, "city-type", Types[t], m, (long)(total * TypeShare[t]), 0.0, expires);
            for (var i = 1; i <= neighborhoods; i++)
            {
                var mood = (i % 7 - 3) * 0.04 + (varied ? Math.Sin(i + back) * 0.12 - back * 0.012 : back * 0.003);
                await WriteScopeAsync(db, tx, "neighborhood", Code(i), m, Volume(i), mood, expires);
                for (var t = 0; t < Types.Length; t++)
                    await WriteScopeAsync(db, tx, "neighborhood-type", $"{Code(i)}/{Types[t]}", m, (long)(Volume(i) * TypeShare[t]), mood - t * 0.05, expires);
            }
        }
        await tx.CommitAsync();
        await InsertResponsesAsync(db, month, perNeighborhood);
    }

    public static string Code(int i) => $"N{i:D3}";

    static async Task WriteScopeAsync(SqliteConnection db, System.Data.Common.DbTransaction tx, string scope, string key, string month,
        long n, double mood, long expires)
    {
        await db.ExecuteAsync("""
            INSERT INTO monthly_counts (scope, scope_key, month, invitations, responses, max_expires_at)
            VALUES (@Scope, @Key, @Month, @Invitations, @N, @Expires)
            """, new { Scope = scope, Key = key, Month = month, Invitations = n * 7 / 2, N = n, Expires = expires }, tx);
        foreach (var item in Instrument.Items)
        {
            var itemN = item == Instrument.Overall ? n : n * 9 / 10;
            double[] p = [0.06 - mood / 4, 0.08 - mood / 4, 0.16, 0.35, 0.35 + mood / 2];
            var c = p.Select(x => (long)Math.Round(itemN * x / p.Sum())).ToArray();
            c[4] = itemN - c[..4].Sum();
            await db.ExecuteAsync("""
                INSERT INTO aggregates (scope, scope_key, month, item, n, total, total_sq, positives, c1, c2, c3, c4, c5)
                VALUES (@Scope, @Key, @Month, @Item, @N, @Total, @TotalSq, @Positives, @C1, @C2, @C3, @C4, @C5)
                """, new
            {
                Scope = scope, Key = key, Month = month, Item = item, N = itemN,
                Total = c.Select((x, k) => x * (k + 1)).Sum(), TotalSq = c.Select((x, k) => x * (k + 1) * (k + 1)).Sum(),
                Positives = c[3] + c[4], C1 = c[0], C2 = c[1], C3 = c[2], C4 = c[3], C5 = c[4],
            }, tx);
        }
    }

    /// <summary>Real response rows for N001's month, so the comments query scans what it would in production.</summary>
    static async Task InsertResponsesAsync(SqliteConnection db, string month, long count)
    {
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync();
        await using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO responses (id, token_id, contact_id, month, neighborhood, contact_type, overall, respect, voice, fairness,
                explanation, trust, comment, wants_complaint, wants_follow_up, share_comment, channel, submitted_at, stored_at)
            VALUES ($id, $id, $id, $month, 'N001', 'call-for-service', 4, 4, 4, 4, 3, 4, $comment, 0, 0, $share, 'web', $at, $at)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$month", month);
        var comment = insert.Parameters.Add("$comment", SqliteType.Text);
        var share = insert.Parameters.Add("$share", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Prepare();
        await using var review = db.CreateCommand();
        review.Transaction = tx;
        review.CommandText = """
            INSERT INTO comment_reviews (response_id, neighborhood, month, stored_at, status, quote, decided_by, decided_at, created_at)
            VALUES ($id, 'N001', $month, $at, $status, $quote, 'bench', $at, $at)
            """;
        var reviewId = review.Parameters.Add("$id", SqliteType.Text);
        review.Parameters.AddWithValue("$month", month);
        var reviewAt = review.Parameters.Add("$at", SqliteType.Integer);
        var status = review.Parameters.Add("$status", SqliteType.Text);
        var quote = review.Parameters.Add("$quote", SqliteType.Text);
        review.Prepare();
        for (long i = 0; i < count; i++)
        {
            var shared = i % 100 == 7;
            id.Value = $"r{i}";
            comment.Value = shared ? $"Officer was helpful, call me at 860-555-{i % 10000:D4} (comment {i})." : DBNull.Value;
            share.Value = shared ? 1 : 0;
            at.Value = 1_790_000_000_000 + i;
            await insert.ExecuteNonQueryAsync();
            if (!shared) continue;
            var approved = i / 100 % 2 == 0;
            (reviewId.Value, reviewAt.Value, status.Value) = (id.Value, at.Value, approved ? "approved" : "pending");
            quote.Value = approved ? $"Officer was helpful, call me at [phone removed] (comment {i})." : DBNull.Value;
            await review.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
