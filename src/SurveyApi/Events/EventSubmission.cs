using Dapper;
using MassTransit;
using Microsoft.Extensions.Options;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Processing.Responses;

namespace Surveys.Api.Events;

/// <summary>
/// Queues an event answer on the same path as a survey answer: Server mode publishes it to the
/// broker (mandatory, confirmed), Embedded mode writes it to the on-disk LocalResponseQueue. The
/// worker's unique key on (event, browser) keeps one answer however often it arrives.
/// </summary>
public sealed class EventSubmission(Db db, IBus bus, TimeProvider time, IOptions<SurveysOptions> options, ILogger<EventSubmission> logger,
    LocalResponseQueue? queue = null)
{
    public static string TokenIdOf(string eventId, string browserId) => $"event:{eventId}:{browserId}";

    public async Task<bool> AlreadyAnsweredAsync(string eventId, string browserId)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM event_responses WHERE event_id = @EventId AND browser_id = @BrowserId",
            new { EventId = eventId, BrowserId = browserId }) > 0;
    }

    public async Task<bool> QueueAsync(string eventId, string browserId, Dictionary<string, int> answers, string? comment, string language)
    {
        var message = new SurveyResponseSubmitted
        {
            ReceiptId = Guid.NewGuid(), TokenId = TokenIdOf(eventId, browserId), SubmittedAt = time.GetUtcNow(), Answers = answers, Comment = comment,
            Channel = "web", EventId = eventId, BrowserId = browserId, Language = language,
        };
        try
        {
            if (queue is not null)
            {
                await queue.WritingAsync(async () =>
                {
                    await using var connection = await db.OpenAsync();
                    await using var tx = await connection.BeginTransactionAsync();
                    await LocalResponseQueue.EnqueueAsync(connection, tx, message);
                    await tx.CommitAsync();
                    return 1;
                });
                queue.Wake();
                return true;
            }
            using var timeout = new CancellationTokenSource(options.Value.PublishTimeout, time);
            await bus.Publish(message, c => c.Mandatory = true, timeout.Token);
            return true;
        }
        catch (Exception e)
        {
            // Nothing stored: the resident may simply send again (503 page).
            logger.LogWarning("Event answer {ReceiptId} not queued: {Error}", message.ReceiptId, e.GetType().Name);
            return false;
        }
    }
}
