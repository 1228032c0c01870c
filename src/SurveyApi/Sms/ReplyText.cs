using Surveys.Rules;
using Surveys.Sms;

namespace Surveys.Api.Sms;

/// <summary>Reading a resident's reply: a 1–5 rating, or a comment.</summary>
public static class ReplyText
{
    // "No" as each offered language's texts ask for it (Sms_AskComment), normalised as the reply is.
    static readonly HashSet<string> NoComment = [.. new[] { "no", "n", "none", "nope", "no thanks", "no thank you", "nothing", "nada", "no gracias", "ninguno", "ninguna",
        "não", "não obrigado", "không", "不", "没有", "non", "non mèsi", "لا", "لا شكرا", "아니요", "아니오", "없음", "нет", "нет спасибо", "nie", "nie dziękuję" }.Select(SmsKeywords.Normalize)];

    /// <summary>"4", "4.", " 4! ", "four", "cuatro" → 4. Anything else ("45", "4 or 5", "good") is ambiguous: null.</summary>
    public static int? Rating(string body)
    {
        var text = SmsKeywords.Normalize(body);
        if (text.Length == 1 && text[0] is >= '1' and <= '5') return text[0] - '0';
        return text switch
        {
            "one" or "uno" => 1,
            "two" or "dos" => 2,
            "three" or "tres" => 3,
            "four" or "cuatro" => 4,
            "five" or "cinco" => 5,
            _ => null,
        };
    }

    /// <summary>The comment as the resident wrote it, minus control characters, at most 2,000 characters; "no" means none.</summary>
    public static string? Comment(string body)
    {
        if (NoComment.Contains(SmsKeywords.Normalize(body))) return null;
        var kept = new System.Text.StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1])) { kept.Append(c).Append(body[++i]); continue; }
            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) continue;
            kept.Append(c);
        }
        var text = kept.ToString().Trim();
        if (text.Length > Instrument.MaxCommentLength)
            text = text[..(char.IsHighSurrogate(text[Instrument.MaxCommentLength - 1]) ? Instrument.MaxCommentLength - 1 : Instrument.MaxCommentLength)];
        return text.Length == 0 ? null : text;
    }
}
