using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Hosting;

namespace Surveys.Processing.Responses;

/// <summary>
/// Embedded mode's queue, on disk: the API enqueues an answer inside its claim's transaction and
/// this service, hosted in the same process, stores it. An in-memory bus would lose every answer
/// not yet stored when the process dies; rows in queued_responses survive it and are drained on
/// the next start. Each batch is stored and dequeued in one transaction, so a crash mid-batch
/// redelivers it whole, and the unique key on the token makes that harmless.
/// </summary>
public sealed class LocalResponseQueue(Db db, SchemaGate schema, TimeProvider time, IOptions<SurveysOptions> options, ILogger<LocalResponseQueue> logger)
    : BackgroundService
{
    // One pending wake-up is enough: the drain reads everything queued before it looks again.
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Part of the caller's transaction: the answer is queued exactly when the claim commits.</summary>
    public static Task EnqueueAsync(DbConnection connection, DbTransaction tx, SurveyResponseSubmitted message)
    {
        const string sql = "INSERT INTO queued_responses (receipt_id, body, queued_at) VALUES (@ReceiptId, @Body, @QueuedAt)";
        return connection.ExecuteAsync(sql, new { ReceiptId = message.ReceiptId.ToString(), Body = JsonSerializer.Serialize(message),
            QueuedAt = message.SubmittedAt.ToUnixTimeMilliseconds() }, tx);
    }

    // SQLite has one writer at a time, and its busy handler polls with sleeps, unfairly: under load
    // some submits waited 20-30 s (bench/embedded.sh before this queue). Queueing in process for
    // the write lock is first come, first served.
    readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Runs one write transaction of the queue (enqueue or drain) when it is its turn.</summary>
    public async Task<T> WritingAsync<T>(Func<Task<T>> write)
    {
        await _writer.WaitAsync();
        try { return await write(); }
        finally { _writer.Release(); }
    }

    /// <summary>Call after the enqueueing transaction committed (before would let the drain miss the row).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await schema.WaitAsync(stopping);
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (await WritingAsync(DrainBatchAsync) == 0) await _wake.Reader.ReadAsync(stopping);
                failures = 0;
            }
            catch (DbException e)
            {
                // Nothing was dequeued (the transaction rolled back): wait, then try the same rows again.
                db.ClearPool();
                var wait = TimeSpan.FromMilliseconds(Math.Min(30_000, 200 << Math.Min(failures++, 8)));
                logger.LogWarning("Storing queued responses failed ({Error}); retrying in {Wait} ms", e.GetType().Name, wait.TotalMilliseconds);
                await Task.Delay(wait, stopping); // real time even under a test clock: it only paces retries
            }
        }
    }

    async Task<int> DrainBatchAsync()
    {
        // Oldest first. Not cancelled by shutdown: a batch in flight commits or rolls back whole.
        const string pendingSql = "SELECT receipt_id, body FROM queued_responses WHERE rejected IS NULL ORDER BY queued_at LIMIT @Limit";
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var rows = (await connection.QueryAsync<(string ReceiptId, string Body)>(pendingSql, new { Limit = options.Value.Worker.BatchSize }, tx)).ToList();
        if (rows.Count == 0) return 0;
        using var span = Telemetry.Source.StartActivity("SurveyResponseSubmitted store");
        span?.SetTag("surveys.batch", rows.Count);

        var unreadable = new List<(string ReceiptId, string Reason)>();
        var messages = new List<SurveyResponseSubmitted>();
        foreach (var row in rows)
        {
            try { messages.Add(JsonSerializer.Deserialize<SurveyResponseSubmitted>(row.Body)!); }
            catch (JsonException) { unreadable.Add((row.ReceiptId, "unreadable message")); } // its text could quote a comment: not logged
        }
        var outcome = await ResponseStore.StoreAsync(connection, tx, messages, time.GetUtcNow(), options.Value);
        var rejected = outcome.Rejected.Select(r => (r.Message.ReceiptId.ToString(), r.Reason)).Concat(unreadable).ToList();

        // Stored, duplicate (already stored) and rejected rows all leave the pending set in this
        // same transaction; a rejected one keeps its body and reason.
        var done = rows.Select(r => r.ReceiptId).Except(rejected.Select(r => r.Item1)).ToArray();
        if (done.Length > 0)
            await connection.ExecuteAsync($"DELETE FROM queued_responses WHERE {Db.AnyOf(connection, "receipt_id", "Ids")}", new { Ids = done }, tx);
        foreach (var (receiptId, reason) in rejected)
            await connection.ExecuteAsync("UPDATE queued_responses SET rejected = @Reason WHERE receipt_id = @ReceiptId", new { ReceiptId = receiptId, Reason = reason }, tx);
        await tx.CommitAsync();

        var now = time.GetUtcNow();
        Telemetry.ResponsesStored.Add(outcome.Stored);
        foreach (var m in messages) Telemetry.ConsumeLag.Record((now - m.SubmittedAt).TotalMilliseconds);
        foreach (var (receiptId, reason) in rejected) logger.LogWarning("Queued response {ReceiptId} rejected: {Reason}", receiptId, reason);
        logger.LogInformation("Stored {Stored} of {Received} queued responses ({Duplicates} already stored, {Rejected} rejected)",
            outcome.Stored, rows.Count, outcome.Duplicates, rejected.Count);
        return rows.Count;
    }
}
