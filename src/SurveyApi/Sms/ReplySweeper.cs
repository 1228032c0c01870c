using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Hosting;

namespace Surveys.Api.Sms;

/// <summary>
/// Finishes reply-by-text surveys nobody finishes: a conversation idle for Surveys:Sms:ReplyTimeout
/// (or whose survey is about to close) is submitted with what it has, and a submission the queue
/// could not take is retried. Several API instances may run this: the token claim in
/// <see cref="Responses.Submission"/> lets only one of them queue a given survey.
/// </summary>
public sealed class ReplySweeper(Db db, ReplySurvey replies, SchemaGate schema, TimeProvider time, IOptions<SurveysOptions> options,
    ILogger<ReplySweeper> logger) : BackgroundService
{
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var sms = options.Value.Sms;
        var now = time.GetUtcNow();
        var margin = sms.PollInterval * 2 > TimeSpan.FromMinutes(5) ? sms.PollInterval * 2 : TimeSpan.FromMinutes(5);
        await using var connection = await db.OpenAsync(ct);
        await ReplySurvey.CloseAsync(connection, """
            (updated_at <= @IdleBefore OR EXISTS (SELECT 1 FROM contacts c WHERE c.id = sms_conversations.contact_id AND c.expires_at <= @Soon))
            """, new { Now = now.ToUnixTimeMilliseconds(), IdleBefore = now.Add(-sms.ReplyTimeout).ToUnixTimeMilliseconds(), Soon = now.Add(margin).ToUnixTimeMilliseconds() });
        var complete = (await connection.QueryAsync<string>(
            "SELECT contact_id FROM sms_conversations WHERE state = 'complete' ORDER BY updated_at LIMIT 200")).ToList();
        foreach (var id in complete) await replies.SubmitAsync(id);
        return complete.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogWarning("Reply-survey sweep failed: {Error}", e.GetType().Name); }
            try { await Task.Delay(options.Value.Sms.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
