using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Hosting;
using Surveys.Security;
using Surveys.Processing.Responses;

namespace Surveys.Api.Responses;

/// <summary>
/// Embedded mode's claim and queue, in ONE transaction: the token's claim and the answer in
/// queued_responses commit together before the 202, so a crash (even SIGKILL) leaves both or
/// neither. No resident is stranded by a claim without an answer, and no 202 is lost with an
/// in-memory queue; <see cref="LocalResponseQueue"/> in this process stores it, after a restart too.
/// </summary>
public sealed class EmbeddedSubmission(Db db, LocalResponseQueue queue, ILogger<EmbeddedSubmission> logger)
{
    const int GroupLimit = 100;

    sealed record Pending(SurveyResponseSubmitted Message)
    {
        public TaskCompletionSource<SubmitStatus> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly ConcurrentQueue<Pending> _waiting = new();

    public async Task<(SubmitStatus Status, Guid ReceiptId)> SubmitAsync(SurveyToken t, Answers answers, string channel, DateTimeOffset now)
    {
        var pending = new Pending(new SurveyResponseSubmitted
        {
            ReceiptId = Guid.NewGuid(), TokenId = t.TokenId, SubmittedAt = now, Answers = answers.Values, Comment = answers.Comment,
            WantsComplaint = answers.WantsComplaint, WantsFollowUp = answers.WantsFollowUp, ShareComment = answers.ShareComment, Channel = channel,
        });
        // Group commit: every commit waits for the disk, so whoever gets the write turn commits
        // everything waiting by then in one transaction (measured in docs/performance.md).
        _waiting.Enqueue(pending);
        while (!pending.Done.Task.IsCompleted) await queue.WritingAsync(CommitWaitingAsync);
        var status = await pending.Done.Task;
        if (status != SubmitStatus.Accepted) return (status, default);
        Telemetry.ResponsesAccepted.Add(1, new KeyValuePair<string, object?>("channel", channel));
        return (status, pending.Message.ReceiptId);
    }

    async Task<int> CommitWaitingAsync()
    {
        var group = new List<(Pending Pending, SubmitStatus Status)>();
        while (group.Count < GroupLimit && _waiting.TryDequeue(out var p)) group.Add((p, SubmitStatus.Accepted));
        if (group.Count == 0) return 0; // an earlier turn committed ours
        using var span = Telemetry.Source.StartActivity("SurveyResponseSubmitted enqueue"); // no broker, so no MassTransit span
        span?.SetTag("surveys.group", group.Count);
        // Within the group, as between groups, the first claim of a token wins and the rest find it
        // claimed: of 50 concurrent submits exactly one gets 202. The claim is final at once,
        // because its answer is queued by the same commit (queued_at set: it never expires).
        const string claimSql = """
            UPDATE contacts SET submitted_at = @Now, receipt_id = @ReceiptId, queued_at = @Now
            WHERE token_id = @TokenId AND submitted_at IS NULL AND status = 'invited'
            """;
        try
        {
            await using var connection = await db.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            for (var i = 0; i < group.Count; i++)
            {
                var m = group[i].Pending.Message;
                var claimed = await connection.ExecuteAsync(claimSql, new { Now = m.SubmittedAt.ToUnixTimeMilliseconds(), ReceiptId = m.ReceiptId.ToString(), m.TokenId }, tx);
                if (claimed == 1) { await LocalResponseQueue.EnqueueAsync(connection, tx, m); continue; }
                var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE token_id = @TokenId", new { m.TokenId }, tx);
                group[i] = (group[i].Pending, exists == 0 ? SubmitStatus.UnknownToken : SubmitStatus.AlreadyAnswered);
            }
            await tx.CommitAsync();
        }
        catch (Exception e)
        {
            // Rolled back: nothing claimed, nothing queued; each resident can simply try again (503).
            if (e is not DbException) logger.LogError(e, "Queueing {Count} responses failed", group.Count);
            else logger.LogWarning("Database unavailable while queueing {Count} responses: {Error}", group.Count, e.GetType().Name);
            foreach (var (p, _) in group) p.Done.TrySetResult(SubmitStatus.Unavailable);
            return group.Count;
        }
        queue.Wake();
        foreach (var (p, status) in group) p.Done.TrySetResult(status);
        return group.Count;
    }
}
