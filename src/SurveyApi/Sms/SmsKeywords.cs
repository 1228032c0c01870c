using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Surveys.Api.Sms;

public enum SmsKeyword { None, OptOut, Start, Help }

/// <summary>
/// What an inbound text asks for. Opt-out follows the FCC's 2024 TCPA order: the seven words
/// (stop, quit, end, revoke, opt out, cancel, unsubscribe) and their counterparts in each offered
/// language (<see cref="SmsKeywordsByLanguage"/>), alone or with courtesy words ("STOP please!"),
/// plus plain-language requests ("please stop texting me"). Case, accents and punctuation are
/// ignored. A sentence that merely contains "stop" (a comment such as "the officer told me to
/// stop") is not an opt-out.
/// </summary>
public static partial class SmsKeywords
{
    static readonly HashSet<string> OptOutWords = ["stop", "quit", "end", "revoke", "opt out", "optout", "cancel", "unsubscribe",
        "stop all", "stopall", "unsub"];
    static readonly HashSet<string> OptOutWordsEs = ["para", "parar", "pare", "paren", "alto", "detener", "basta", "cancelar",
        "baja", "darme de baja", "dar de baja", "no mas", "revocar", "terminar"];
    static readonly HashSet<string> StartWords = ["start", "unstop", "resubscribe"];
    static readonly HashSet<string> StartWordsEs = ["comenzar", "iniciar", "reanudar"];
    static readonly HashSet<string> HelpWords = ["help", "info"];
    static readonly HashSet<string> HelpWordsEs = ["ayuda", "informacion"];
    static readonly HashSet<string> Courtesy = ["please", "pls", "plz", "now", "thanks", "thank", "you", "thx", "it", "me", "all", "ok",
        "por", "favor", "porfa", "ya", "gracias"];

    [GeneratedRegex(@"\b(stop|quit) (texting|text|txting|messaging|message|sending|contacting|calling)\b|\b(dont|do not|never) (text|message|contact|send)\b|\bno more (texts?|messages|txts?)\b|\b(remove|delete) me\b|\btake me off\b|\bleave me alone\b|\bopt me out\b|\bunsubscribe\b|\bopt out\b|\bcancel (my |the |these )?(subscription|texts?|messages)\b")]
    private static partial Regex PlainEnglish();

    [GeneratedRegex(@"\bno me (envien|manden|escriban|contacten|textee|texteen)\b|\bdej(e|en) de (enviar|mandar|escribir|contactar|textear)(me|nos)?\b|\bno (quiero|deseo) (recibir )?(mas )?mensajes\b|\bno mas mensajes\b|\bdar(me)? de baja\b|\b(quitenme|borrenme|eliminenme|sacame|saquenme)\b")]
    private static partial Regex PlainSpanish();

    /// <summary>The request, and "es" when it was made in Spanish-only words (so the reply can be too).</summary>
    public static (SmsKeyword Kind, string? Language) Classify(string? body)
    {
        var text = Normalize(body ?? "");
        if (text.Length == 0) return (SmsKeyword.None, null);
        var core = string.Join(' ', text.Split(' ').Where(w => !Courtesy.Contains(w) && !SmsKeywordsByLanguage.Courtesy.Contains(w)));
        if (OptOutWords.Contains(core)) return (SmsKeyword.OptOut, null);
        if (OptOutWordsEs.Contains(core)) return (SmsKeyword.OptOut, "es");
        if (StartWords.Contains(core)) return (SmsKeyword.Start, null);
        if (StartWordsEs.Contains(core)) return (SmsKeyword.Start, "es");
        if (HelpWords.Contains(core)) return (SmsKeyword.Help, null);
        if (HelpWordsEs.Contains(core)) return (SmsKeyword.Help, "es");
        if (PlainSpanish().IsMatch(text)) return (SmsKeyword.OptOut, "es");
        if (PlainEnglish().IsMatch(text)) return (SmsKeyword.OptOut, null);
        return SmsKeywordsByLanguage.Classify(text, core);
    }

    /// <summary>Lower case, accents and apostrophes dropped, other punctuation as spaces, single-spaced.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘') continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else pendingSpace = true;
        }
        return builder.ToString();
    }
}
