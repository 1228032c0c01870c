using System.Data.Common;
using Dapper;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Hosting;
using Surveys.Security;
using Surveys.Worker.Responses;

namespace Surveys.Api.Responses;

/// <summary>
/// Embedded mode's claim and queue, in ONE transaction: the token's claim and the answer in
/// queued_responses commit together before the 202, so a crash (even SIGKILL) leaves both or
/// neither. No resident is stranded by a claim without an answer, and no 202 is lost with an
/// in-memory queue; <see cref="LocalResponseQueue"/> in this process stores it, after a restart too.
/// </summary>
public sealed class EmbeddedSubmission(Db db, LocalResponseQueue queue, ILogger<EmbeddedSubmission> logger)
{
    public async Task<(SubmitStatus Status, Guid ReceiptId)> SubmitAsync(SurveyToken t, Answers answers, string channel, DateTimeOffset now)
    {
        var message = new SurveyResponseSubmitted
        {
            ReceiptId = Guid.NewGuid(), TokenId = t.TokenId, SubmittedAt = now, Answers = answers.Values, Comment = answers.Comment,
            WantsComplaint = answers.WantsComplaint, WantsFollowUp = answers.WantsFollowUp, ShareComment = answers.ShareComment, Channel = channel,
        };
        // Of 50 concurrent submits exactly one claims (the write lock serialises them); the claim
        // is final at once, because its answer is queued by the same commit.
        const string claimSql = """
            UPDATE contacts SET submitted_at = @Now, receipt_id = @ReceiptId
            WHERE token_id = @TokenId AND submitted_at IS NULL AND status = 'invited'
            """;
        try
        {
            var status = await queue.WritingAsync(async () =>
            {
                await using var connection = await db.OpenAsync();
                await using var tx = await connection.BeginTransactionAsync();
                var claimed = await connection.ExecuteAsync(claimSql, new { Now = now.ToUnixTimeMilliseconds(), ReceiptId = message.ReceiptId.ToString(), t.TokenId }, tx);
                if (claimed == 0)
                {
                    var exists = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts WHERE token_id = @TokenId", new { t.TokenId }, tx);
                    return exists == 0 ? SubmitStatus.UnknownToken : SubmitStatus.AlreadyAnswered;
                }
                await LocalResponseQueue.EnqueueAsync(connection, tx, message);
                await tx.CommitAsync();
                return SubmitStatus.Accepted;
            });
            if (status != SubmitStatus.Accepted) return (status, default);
        }
        catch (DbException e)
        {
            // Rolled back: nothing claimed, nothing queued; the resident can simply try again (503).
            logger.LogWarning("Database unavailable while queueing response {ReceiptId}: {Error}", message.ReceiptId, e.GetType().Name);
            return (SubmitStatus.Unavailable, default);
        }
        queue.Wake();
        Telemetry.ResponsesAccepted.Add(1, new KeyValuePair<string, object?>("channel", channel));
        return (SubmitStatus.Accepted, message.ReceiptId);
    }
}
