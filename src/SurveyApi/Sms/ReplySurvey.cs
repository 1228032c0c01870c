using Dapper;
using Surveys.Api.Responses;
using Surveys.Data;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Api.Sms;

/// <summary>
/// The reply-by-text survey: overall, then respect (1–5 each), then a comment. Answers wait in
/// sms_conversations until the sequence ends, then go through <see cref="Submission"/> (the same
/// claim and queue as a web answer, channel "sms"). One clarifying message, then it stops.
/// </summary>
public sealed class ReplySurvey(Db db, Submission submission, TimeProvider time, TextCatalog texts, ILogger<ReplySurvey> logger)
{
    sealed class Conversation
    {
        public string ContactId { get; set; } = "";
        public string Step { get; set; } = "";
        public string State { get; set; } = "";
        public bool Clarified { get; set; }
        public string Language { get; set; } = "en";
    }

    // The latest reply-mode invitation this phone has not answered yet.
    const string ContactSql = """
        SELECT id FROM contacts
        WHERE phone_hash = @PhoneHash AND sms_mode = 'reply' AND sms_status = 'sent' AND submitted_at IS NULL AND expires_at > @Now
        ORDER BY sms_sent_at DESC LIMIT 1
        """;

    public async Task<string?> HandleAsync(string phoneHash, string body)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await db.OpenAsync();
        var contactId = await connection.QueryFirstOrDefaultAsync<string>(ContactSql, new { PhoneHash = phoneHash, Now = now });
        if (contactId is null) return null;
        await connection.ExecuteAsync("""
            INSERT INTO sms_conversations (contact_id, phone_hash, step, state, clarified, updated_at)
            VALUES (@Id, @PhoneHash, 'overall', 'open', FALSE, @Now) ON CONFLICT (contact_id) DO NOTHING
            """, new { Id = contactId, PhoneHash = phoneHash, Now = now });
        var c = await connection.QuerySingleAsync<Conversation>("""
            SELECT v.contact_id AS ContactId, v.step, v.state, v.clarified, c.language
            FROM sms_conversations v JOIN contacts c ON c.id = v.contact_id WHERE v.contact_id = @Id
            """, new { Id = contactId });
        if (c.State != "open") return null;
        // Every update re-checks step and state: of two texts racing, only one moves the survey on.
        var at = new { Id = c.ContactId, c.Step, Now = now };

        if (c.Step == "comment")
        {
            var saved = await connection.ExecuteAsync("""
                UPDATE sms_conversations SET comment = @Comment, state = 'complete', updated_at = @Now
                WHERE contact_id = @Id AND step = @Step AND state = 'open'
                """, new { at.Id, at.Step, at.Now, Comment = ReplyText.Comment(body) });
            if (saved == 0) return null;
            await SubmitAsync(c.ContactId);
            return SmsText.Thanks(c.Language, texts);
        }
        if (ReplyText.Rating(body) is { } rating)
        {
            var (column, next) = c.Step == "overall" ? ("overall", "respect") : ("respect", "comment");
            var moved = await connection.ExecuteAsync($"""
                UPDATE sms_conversations SET {column} = @Rating, step = @Next, updated_at = @Now
                WHERE contact_id = @Id AND step = @Step AND state = 'open'
                """, new { at.Id, at.Step, at.Now, Rating = rating, Next = next });
            if (moved == 0) return null;
            return next == "respect" ? SmsText.AskRespect(c.Language, texts) : SmsText.AskComment(c.Language, texts);
        }
        if (!c.Clarified)
        {
            await connection.ExecuteAsync("UPDATE sms_conversations SET clarified = TRUE, updated_at = @Now WHERE contact_id = @Id AND step = @Step AND state = 'open'", at);
            return SmsText.Clarify(c.Language, texts);
        }
        // Still not a rating after one clarification: stop asking. What was answered still counts.
        await CloseAsync(connection, "contact_id = @Id", new { Id = c.ContactId, Now = now });
        await SubmitAsync(c.ContactId);
        return null;
    }

    /// <summary>The phone opted out: its survey in progress ends (answers given so far still count).</summary>
    public async Task EndAsync(string phoneHash)
    {
        await using var connection = await db.OpenAsync();
        foreach (var id in await CloseAsync(connection, "phone_hash = @PhoneHash",
                     new { PhoneHash = phoneHash, Now = time.GetUtcNow().ToUnixTimeMilliseconds() }))
            await SubmitAsync(id);
    }

    /// <summary>Open conversations matching <paramref name="where"/> become complete (with an overall answer) or closed.</summary>
    public static async Task<List<string>> CloseAsync(System.Data.Common.DbConnection connection, string where, object parameters) =>
        (await connection.QueryAsync<string>($"""
            UPDATE sms_conversations SET state = CASE WHEN overall IS NULL THEN 'closed' ELSE 'complete' END, updated_at = @Now
            WHERE state = 'open' AND {where}
            RETURNING contact_id
            """, parameters)).ToList();

    sealed class Ready
    {
        public string TokenId { get; set; } = "";
        public long ExpiresAt { get; set; }
        public int? Overall { get; set; }
        public int? Respect { get; set; }
        public string? Comment { get; set; }
    }

    /// <summary>Queues a complete conversation's answers; left complete (the sweeper retries) when the queue is unavailable.</summary>
    public async Task SubmitAsync(string contactId)
    {
        await using var connection = await db.OpenAsync();
        var r = await connection.QuerySingleOrDefaultAsync<Ready>("""
            SELECT c.token_id AS TokenId, c.expires_at AS ExpiresAt, v.overall, v.respect, v.comment
            FROM sms_conversations v JOIN contacts c ON c.id = v.contact_id
            WHERE v.contact_id = @Id AND v.state = 'complete'
            """, new { Id = contactId });
        if (r?.Overall is not { } overall) return;
        var values = new Dictionary<string, int> { ["overall"] = overall };
        if (r.Respect is { } respect) values["respect"] = respect;
        var (status, receiptId) = await submission.SubmitAsync(new Surveys.Security.SurveyToken(r.TokenId, DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAt)),
            new Answers(values, r.Comment, WantsComplaint: false, WantsFollowUp: false, ShareComment: false), "sms");
        logger.LogInformation("Reply-by-text survey of contact {ContactId}: {Status} {ReceiptId}", contactId, status, receiptId);
        if (status == SubmitStatus.Unavailable) return;
        // Submitted (or no longer submittable): the comment has no reason to stay here.
        await connection.ExecuteAsync("UPDATE sms_conversations SET state = 'closed', comment = NULL WHERE contact_id = @Id AND state = 'complete'", new { Id = contactId });
    }
}
