using System.Globalization;
using Surveys.Texts;

namespace Surveys.Sms;

/// <summary>
/// Every text the service sends, from Sms/SmsStrings*.resx (and the agency's overrides) in the
/// resident's language. Each is written correctly, accents and all: a text that needs UCS-2 is
/// sent as UCS-2, and the budget follows (two segments when it is GSM-7, three when UCS-2, the
/// link counted). Shorter wordings take over when they make it one segment, or when a long agency
/// name or base URL would otherwise go over budget. <paramref name="texts"/> defaults to the
/// shipped texts in all ten languages; the app passes its own catalog.
/// </summary>
public static class SmsText
{
    public static readonly TextSource Strings = new(typeof(SmsText).Assembly, "Surveys.Sms.SmsStrings");

    public static int MaxSegments(SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? 2 : 3;

    /// <summary>The language a text goes out in: the contact's tag if its texts are offered (pt-BR → pt), else English.</summary>
    public static string Language(string? language, TextCatalog? texts = null) => (texts ?? TextCatalog.ShippedTexts).Resolve(language);

    public static string Invitation(string language, string agency, string link, TextCatalog? texts = null) =>
        Fit(texts, language, "Sms_Invite", agency, link);

    public static string ReplyInvitation(string language, string agency, TextCatalog? texts = null) =>
        Fit(texts, language, "Sms_ReplyInvite", agency);

    public static string AskRespect(string language, TextCatalog? texts = null) => T(texts, language, "Sms_AskRespect");
    public static string AskComment(string language, TextCatalog? texts = null) => T(texts, language, "Sms_AskComment");
    public static string Thanks(string language, TextCatalog? texts = null) => T(texts, language, "Sms_Thanks");
    public static string Clarify(string language, TextCatalog? texts = null) => T(texts, language, "Sms_Clarify");
    public static string OptedOut(string language, string agency, TextCatalog? texts = null) => T(texts, language, "Sms_OptedOut", agency);
    public static string Resubscribed(string language, string agency, TextCatalog? texts = null) => T(texts, language, "Sms_Resubscribed", agency);

    public static string Help(string language, string agency, string? contactLine, TextCatalog? texts = null) =>
        T(texts, language, "Sms_Help", agency, string.IsNullOrWhiteSpace(contactLine) ? "" : T(texts, language, "Sms_HelpQuestions", contactLine));

    static string T(TextCatalog? texts, string language, string key, params object[] args)
    {
        var catalog = texts ?? TextCatalog.ShippedTexts;
        var text = catalog.Get(Strings, key, catalog.Resolve(language));
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    // Wordings 1 and 2 are the proper ones: one segment where either allows it, else the fullest
    // within budget; wording 3, the bare one, only when nothing else fits.
    static string Fit(TextCatalog? texts, string language, string key, params object[] args)
    {
        string[] proper = [T(texts, language, key + "1", args), T(texts, language, key + "2", args)];
        return proper.FirstOrDefault(c => SmsSegments.Measure(c).Segments == 1)
            ?? proper.FirstOrDefault(c => SmsSegments.Measure(c) is var s && s.Segments <= MaxSegments(s.Encoding))
            ?? T(texts, language, key + "3", args);
    }
}
