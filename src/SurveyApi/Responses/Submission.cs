using System.Data.Common;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Options;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Hosting;
using Surveys.Security;

namespace Surveys.Api.Responses;

public enum SubmitStatus { Accepted, UnknownToken, Expired, AlreadyAnswered, Unavailable }

public sealed record Answers(Dictionary<string, int> Values, string? Comment, bool WantsComplaint, bool WantsFollowUp, bool ShareComment);

/// <summary>
/// The API's whole share of a submission: check the token, claim it (single use), and queue the
/// answers. It answers Accepted only after the broker confirmed the publish; the worker does the rest.
/// Embedded mode (registered only there) claims and queues on disk instead: <see cref="EmbeddedSubmission"/>.
/// </summary>
public sealed class Submission(Db db, TokenCodec tokens, IBus bus, TimeProvider time, IOptions<SurveysOptions> options, ILogger<Submission> logger,
    EmbeddedSubmission? embedded = null)
{
    /// <summary>Checks a token without changing anything (the resident page uses this before showing the form).</summary>
    public async Task<(SubmitStatus Status, string? Language)> CheckAsync(string token)
    {
        if (!tokens.TryDecode(token, out var t)) return (SubmitStatus.UnknownToken, null); // forged or altered: no database read
        if (t.ExpiresAt <= time.GetUtcNow()) return (SubmitStatus.Expired, null);
        await using var connection = await db.OpenAsync();
        const string checkSql = $"SELECT language, CASE WHEN {FreeSql} THEN 1 ELSE 0 END FROM contacts WHERE token_id = @TokenId";
        var row = await connection.QuerySingleOrDefaultAsync<(string Language, long Free)>(checkSql, new { t.TokenId, StaleBefore = StaleBefore() });
        if (row.Language is null) return (SubmitStatus.UnknownToken, null);
        return (row.Free == 1 ? SubmitStatus.Accepted : SubmitStatus.AlreadyAnswered, row.Language);
    }

    // A token is free when never claimed, or when its claim was never confirmed by the broker and is
    // older than any publish could still be waited for: the API that made it died (SIGKILL) between
    // the claim and the confirm. Any API process may then claim it again; were that dead process's
    // message queued after all, the worker's unique key on the token keeps one answer.
    const string FreeSql = "(submitted_at IS NULL OR (queued_at IS NULL AND submitted_at < @StaleBefore))";

    /// <summary>Beyond the publish timeout: time for the confirm's own UPDATE and clock skew between API hosts.</summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(10);

    long StaleBefore() => (time.GetUtcNow() - options.Value.PublishTimeout - ClaimMargin).ToUnixTimeMilliseconds();

    public async Task<(SubmitStatus Status, Guid ReceiptId)> SubmitAsync(string token, Answers answers, string channel)
    {
        if (!tokens.TryDecode(token, out var t)) return (SubmitStatus.UnknownToken, default);
        return await SubmitAsync(t, answers, channel);
    }

    /// <summary>
    /// For a token the caller already holds as stored (reply-by-text: the resident's phone, not a
    /// link, identifies the survey); the same claim, queue and rules as a web answer.
    /// </summary>
    public async Task<(SubmitStatus Status, Guid ReceiptId)> SubmitAsync(SurveyToken t, Answers answers, string channel)
    {
        var now = time.GetUtcNow();
        if (t.ExpiresAt <= now) return (SubmitStatus.Expired, default);
        if (embedded is not null) return await embedded.SubmitAsync(t, answers, channel, now);

        var receiptId = Guid.NewGuid();
        // The claim makes the token single-use at the API: of 50 concurrent submits exactly one
        // wins here. The claim is final once the broker confirmed the publish (queued_at, below).
        const string claimSql = $"""
            UPDATE contacts SET submitted_at = @Now, receipt_id = @ReceiptId, queued_at = NULL
            WHERE token_id = @TokenId AND {FreeSql} AND status = 'invited'
            """;
        try
        {
            await using var connection = await db.OpenAsync();
            var claimed = await connection.ExecuteAsync(claimSql, new { Now = now.ToUnixTimeMilliseconds(), ReceiptId = receiptId.ToString(), t.TokenId, StaleBefore = StaleBefore() });
            if (claimed == 0)
            {
                var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE token_id = @TokenId", new { t.TokenId });
                return (exists == 0 ? SubmitStatus.UnknownToken : SubmitStatus.AlreadyAnswered, default);
            }
        }
        catch (DbException e)
        {
            // Nothing was claimed or queued: the resident can simply try again (503, not 500).
            logger.LogWarning("Database unavailable while claiming response {ReceiptId}: {Error}", receiptId, e.GetType().Name);
            db.ClearPool();
            return (SubmitStatus.Unavailable, default);
        }

        var message = new SurveyResponseSubmitted
        {
            ReceiptId = receiptId, TokenId = t.TokenId, SubmittedAt = now, Answers = answers.Values, Comment = answers.Comment,
            WantsComplaint = answers.WantsComplaint, WantsFollowUp = answers.WantsFollowUp, ShareComment = answers.ShareComment, Channel = channel,
        };
        // The publish takes the timeout as its token. (MassTransit 8.4 could wedge its publisher for
        // good when a publish was cancelled during a broker restart, so this used to race a timer
        // instead; 8.5.12 recovered after all 84 restarts of a soak, 8.4.0 not: docs/operations.md.)
        using var timeout = new CancellationTokenSource(options.Value.PublishTimeout, time);
        var started = time.GetTimestamp();
        Exception? error = null;
        try
        {
            // Mandatory: RabbitMQ confirms even a message no queue is bound to (a worker that has not
            // declared its queue yet, e.g. started while the broker was down), silently dropping it.
            // Marked mandatory, such a publish fails instead, and the resident gets a 503, not a 202.
            await bus.Publish(message, c => c.Mandatory = true, timeout.Token);
            Telemetry.PublishDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            await ConfirmAsync(t.TokenId, receiptId);
            Telemetry.ResponsesAccepted.Add(1, new KeyValuePair<string, object?>("channel", channel));
            return (SubmitStatus.Accepted, receiptId);
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            error = e is OperationCanceledException ? null : e;
        }

        // Failed, or not confirmed in time: free the token at once, so the resident's retry is
        // accepted. A publish cancelled late may still have reached the queue; then the worker's
        // unique key keeps one answer. Keeping the claim instead would answer the retry 409
        // "already answered" for an answer that may never arrive (seen in the fault suite).
        await ReleaseAsync(t.TokenId, receiptId, error);
        logger.LogWarning("Response {ReceiptId} not confirmed by the broker in time; answered 503", receiptId);
        return (SubmitStatus.Unavailable, receiptId);
    }

    /// <summary>
    /// Makes the claim final: from now on a retry is 409 even while the answer waits in the queue.
    /// The answer is queued whatever happens here, so a failure still means 202; the claim then
    /// merely expires, and a retry after that is a duplicate the worker's unique key drops.
    /// </summary>
    async Task ConfirmAsync(string tokenId, Guid receiptId)
    {
        try
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync("UPDATE contacts SET queued_at = @Now WHERE token_id = @TokenId AND receipt_id = @ReceiptId",
                new { Now = time.GetUtcNow().ToUnixTimeMilliseconds(), TokenId = tokenId, ReceiptId = receiptId.ToString() });
        }
        catch (DbException e)
        {
            logger.LogWarning("Response {ReceiptId} queued, but its claim could not be confirmed: {Error}", receiptId, e.GetType().Name);
        }
    }

    async Task ReleaseAsync(string tokenId, Guid receiptId, Exception? error)
    {
        try
        {
            await using var connection = await db.OpenAsync();
            await connection.ExecuteAsync("UPDATE contacts SET submitted_at = NULL, receipt_id = NULL WHERE token_id = @TokenId AND receipt_id = @ReceiptId",
                new { TokenId = tokenId, ReceiptId = receiptId.ToString() });
            logger.LogWarning("Publish of response {ReceiptId} not confirmed ({Error}); token released for a retry", receiptId, error?.GetBaseException().GetType().Name ?? "timeout");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not release the claim of response {ReceiptId}", receiptId);
        }
    }
}
