using System.Globalization;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Processing.FollowUps;

/// <summary>
/// The resident's two follow-up texts, from Sms/SmsStrings*.resx (keys <c>Sms_FollowUp*</c>, the
/// agency's overrides applied) in the contact's language, resolved like the invitations' (pt-BR →
/// pt, else English). The opening one names the lieutenant and the agency so the call that follows
/// is not taken for a scam. <paramref name="texts"/> defaults to the shipped texts; the app passes its own catalog.
/// </summary>
public static class FollowUpSms
{
    public static string Opened(string? language, string agency, string? lieutenant, TimeSpan due, TextCatalog? texts = null)
    {
        var lang = SmsText.Language(language, texts);
        var who = string.IsNullOrWhiteSpace(lieutenant) ? null : lieutenant.Trim();
        var within = Within(due, lang, texts);
        return who is null
            ? T(texts, lang, "Sms_FollowUpOpenedSomeone", agency, within)
            : T(texts, lang, "Sms_FollowUpOpened", who, agency, within);
    }

    public static string Closed(string? language, string agency, string outcome, TextCatalog? texts = null) =>
        T(texts, SmsText.Language(language, texts), outcome == "referred" ? "Sms_FollowUpClosedReferred" : "Sms_FollowUpClosed", agency);

    // Whole days read as days; anything shorter (or uneven) as hours, rounded up: never a promise shorter than the rule.
    static string Within(TimeSpan due, string lang, TextCatalog? texts)
    {
        if (due.TotalDays >= 1 && due.Ticks % TimeSpan.TicksPerDay == 0)
        {
            var days = (int)due.TotalDays;
            return T(texts, lang, One(days, lang) ? "Sms_FollowUpDay" : "Sms_FollowUpDays", days);
        }
        var hours = (int)Math.Ceiling(due.TotalHours);
        return T(texts, lang, One(hours, lang) ? "Sms_FollowUpHour" : "Sms_FollowUpHours", hours);
    }

    // The singular form: Russian takes it for 1, 21, 31… (not 11); every other language only for 1.
    // (Russian and Polish texts say "within" with the genitive, where 2–4 and 5+ share one form.)
    static bool One(int n, string lang) => lang == "ru" ? n % 10 == 1 && n % 100 != 11 : n == 1;

    static string T(TextCatalog? texts, string lang, string key, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, (texts ?? TextCatalog.ShippedTexts).Get(SmsText.Strings, key, lang), args);
}
