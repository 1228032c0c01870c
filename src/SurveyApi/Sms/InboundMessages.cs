using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Rules;
using Surveys.Security;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Api.Sms;

/// <summary>
/// A text from a resident: opt-out, START, HELP, or an answer to a reply-by-text survey. Returns
/// the reply to send back (TwiML), or null for none. Neither the number nor the text is logged.
/// </summary>
public sealed class InboundMessages(Db db, PhoneProtector phones, ReplySurvey replies, TimeProvider time, IOptions<SurveysOptions> options,
    TextCatalog texts, ILogger<InboundMessages> logger)
{
    public async Task<string?> HandleAsync(string? from, string? body, string? messageSid)
    {
        // Short codes and alphanumeric senders cannot be surveyed or opted out: nothing to do.
        if (from is null || !Validation.E164().IsMatch(from)) return null;
        var phoneHash = phones.Hash(from);
        var now = time.GetUtcNow();
        var (kind, keywordLanguage) = SmsKeywords.Classify(body);

        await using var connection = await db.OpenAsync();
        if (!string.IsNullOrEmpty(messageSid))
        {
            // A provider may deliver the same webhook twice: the second changes and answers nothing.
            const string seenSql = """
                INSERT INTO sms_inbound (message_sid, phone_hash, kind, received_at) VALUES (@MessageSid, @PhoneHash, @Kind, @Now)
                ON CONFLICT (message_sid) DO NOTHING
                """;
            if (await connection.ExecuteAsync(seenSql, new { MessageSid = messageSid, PhoneHash = phoneHash, Kind = kind.ToString(), Now = now.ToUnixTimeMilliseconds() }) == 0)
                return null;
        }
        logger.LogInformation("Inbound SMS {MessageSid}: {Kind}", messageSid, kind);

        var o = options.Value;
        // A word in a language not offered (ПОМОЩЬ where ru is off) gets the contact's language instead.
        var language = (keywordLanguage is not null && texts.Offered.Contains(keywordLanguage) ? keywordLanguage : null) ?? await connection.QueryFirstOrDefaultAsync<string>(
            "SELECT language FROM contacts WHERE phone_hash = @PhoneHash ORDER BY created_at DESC LIMIT 1", new { PhoneHash = phoneHash }) ?? "en";
        switch (kind)
        {
            case SmsKeyword.OptOut:
                var added = await connection.ExecuteAsync("INSERT INTO opt_outs (phone_hash, created_at) VALUES (@PhoneHash, @Now) ON CONFLICT (phone_hash) DO NOTHING",
                    new { PhoneHash = phoneHash, Now = now.ToUnixTimeMilliseconds() });
                await replies.EndAsync(phoneHash);
                // One confirmation only: a repeated STOP finds the opt-out already there and gets silence.
                return added == 1 ? SmsText.OptedOut(language, o.AgencyName, texts) : null;
            case SmsKeyword.Start:
                var removed = await connection.ExecuteAsync("DELETE FROM opt_outs WHERE phone_hash = @PhoneHash", new { PhoneHash = phoneHash });
                return removed > 0 ? SmsText.Resubscribed(language, o.AgencyName, texts) : null;
            case SmsKeyword.Help:
                return SmsText.Help(language, o.AgencyName, o.Sms.ContactLine, texts);
            default:
                var optedOut = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM opt_outs WHERE phone_hash = @PhoneHash", new { PhoneHash = phoneHash });
                return optedOut > 0 ? null : await replies.HandleAsync(phoneHash, body ?? "");
        }
    }
}
