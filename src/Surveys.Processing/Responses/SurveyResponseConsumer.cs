using System.Data.Common;
using MassTransit;
using Microsoft.Extensions.Options;
using Surveys.Contracts;
using Surveys.Data;
using Surveys.Hosting;

namespace Surveys.Processing.Responses;

/// <summary>
/// Stores a batch of responses in one transaction (responses and aggregates together) and lets
/// MassTransit acknowledge the batch only after the commit. A crash before the commit rolls
/// everything back and the broker redelivers; the unique token key makes redelivery a no-op.
/// </summary>
public sealed class SurveyResponseConsumer(Db db, SchemaGate schema, TimeProvider time, IOptions<SurveysOptions> options,
    ILogger<SurveyResponseConsumer> logger)
    : IConsumer<Batch<SurveyResponseSubmitted>>
{
    public const string QueueName = "survey-responses";

    public async Task Consume(ConsumeContext<Batch<SurveyResponseSubmitted>> context)
    {
        await schema.WaitAsync(context.CancellationToken);
        var messages = context.Message.Select(m => m.Message).ToList();

        ResponseStore.Outcome outcome;
        try
        {
            await using var connection = await db.OpenAsync(context.CancellationToken);
            await using var tx = await connection.BeginTransactionAsync(context.CancellationToken);
            outcome = await ResponseStore.StoreAsync(connection, tx, messages, time.GetUtcNow(), options.Value);
            await tx.CommitAsync(context.CancellationToken);
        }
        catch (DbException)
        {
            db.ClearPool(); // a restarted database leaves every pooled connection dead; the retry gets fresh ones
            throw;
        }

        var now = time.GetUtcNow();
        Telemetry.ResponsesStored.Add(outcome.Stored);
        foreach (var m in messages) Telemetry.ConsumeLag.Record((now - m.SubmittedAt).TotalMilliseconds);

        // A message that can never be stored (unknown token, invalid answers) must not hold back
        // the rest of its batch: it goes to the error queue on its own, with its reason.
        foreach (var (message, reason) in outcome.Rejected)
        {
            logger.LogWarning("Response {ReceiptId} rejected: {Reason}", message.ReceiptId, reason);
            var errorQueue = await context.GetSendEndpoint(new Uri($"queue:{QueueName}_error"));
            await errorQueue.Send(message, c => c.Headers.Set("MT-Reason", reason));
        }
        logger.LogInformation("Stored {Stored} of {Received} responses ({Duplicates} already stored, {Rejected} rejected)",
            outcome.Stored, messages.Count, outcome.Duplicates, outcome.Rejected.Count);
    }
}
