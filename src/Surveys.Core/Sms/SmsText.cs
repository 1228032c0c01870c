namespace Surveys.Sms;

/// <summary>
/// Every text the service sends, in English and Spanish. The invitations are worded in the GSM-7
/// alphabet (no á, í, ó, ú: only é, ñ, ¿, ¡ are in it) so the Spanish one costs what the English
/// one does; shorter wordings take over when they make it one segment, or when a long agency name
/// or base URL would otherwise need more than two.
/// Replies (answered through TwiML) are written in plain, correct Spanish instead.
/// </summary>
public static class SmsText
{
    public const int MaxInvitationSegments = 2;

    /// <summary>"es", "es-MX", "es-419" → es; anything else ("est" included: the primary subtag decides) → en.</summary>
    public static string Language(string? language) =>
        language?.Split('-')[0].Equals("es", StringComparison.OrdinalIgnoreCase) == true ? "es" : "en";

    public static string Invitation(string language, string agency, string link) => Fit(Language(language) == "es"
        ? [$"{agency}: Gracias por su contacto reciente con nosotros. ¿Qué tal le atendimos? Encuesta de 1 minuto: {link} Responda STOP para darse de baja.",
           $"{agency}: ¿Qué tal le atendimos? Encuesta de 1 minuto: {link} Responda STOP para darse de baja.",
           $"{agency}: Encuesta: {link} STOP para baja"]
        : [$"{agency}: Thank you for your recent contact with us. How did we do? Tell us in 1 minute: {link} Reply STOP to opt out.",
           $"{agency}: How did we do? 1-minute survey: {link} Reply STOP to opt out.",
           $"{agency}: Survey: {link} STOP to opt out"]);

    public static string ReplyInvitation(string language, string agency) => Fit(Language(language) == "es"
        ? [$"{agency}: Gracias por su contacto reciente con nosotros. ¿Qué tal le atendimos? Responda del 1 (muy mal) al 5 (muy bien). Responda STOP para darse de baja.",
           $"{agency}: ¿Qué tal le atendimos? Responda del 1 (muy mal) al 5 (muy bien). STOP para darse de baja.",
           $"{agency}: Responda del 1 (mal) al 5 (bien). STOP para baja"]
        : [$"{agency}: Thank you for your recent contact with us. Overall, how satisfied are you with how it was handled? Reply 1 (very dissatisfied) to 5 (very satisfied). Reply STOP to opt out.",
           $"{agency}: How satisfied are you with how your recent contact with us was handled? Reply 1 (very dissatisfied) to 5 (very satisfied). STOP to opt out.",
           $"{agency}: Rate your recent contact: reply 1 (bad) to 5 (good). STOP to opt out"]);

    public static string AskRespect(string language) => Language(language) == "es"
        ? "Gracias. ¿El agente lo trató con dignidad y respeto? Responda 1 (nada de acuerdo) a 5 (muy de acuerdo)."
        : "Thank you. Did the officer treat you with dignity and respect? Reply 1 (strongly disagree) to 5 (strongly agree).";

    public static string AskComment(string language) => Language(language) == "es"
        ? "Gracias. ¿Algo más que quiera contarnos? Responda con un comentario, o NO para terminar."
        : "Thank you. Anything else you want us to know? Reply with a comment, or NO to finish.";

    public static string Thanks(string language) => Language(language) == "es"
        ? "Gracias por su opinión. Nos ayuda a servir mejor a su vecindario."
        : "Thank you for your feedback. It helps us serve your neighborhood better.";

    public static string Clarify(string language) => Language(language) == "es"
        ? "Perdón, no entendimos. Responda con un solo número del 1 al 5."
        : "Sorry, we did not understand. Please reply with one number from 1 to 5.";

    public static string OptedOut(string language, string agency) => Language(language) == "es"
        ? $"{agency}: Se ha dado de baja y no recibirá más mensajes de encuestas. Responda START para volver a suscribirse."
        : $"{agency}: You are unsubscribed and will receive no more survey texts. Reply START to resubscribe.";

    public static string Resubscribed(string language, string agency) => Language(language) == "es"
        ? $"{agency}: Se ha vuelto a suscribir a los mensajes de encuestas. Responda STOP para darse de baja."
        : $"{agency}: You are resubscribed to survey texts. Reply STOP to opt out.";

    public static string Help(string language, string agency, string? contactLine) => Language(language) == "es"
        ? $"Encuestas a residentes de {agency}.{(string.IsNullOrWhiteSpace(contactLine) ? "" : $" Preguntas: {contactLine}.")} En una emergencia llame al 911. Responda STOP para darse de baja."
        : $"{agency} resident surveys.{(string.IsNullOrWhiteSpace(contactLine) ? "" : $" Questions: {contactLine}.")} In an emergency call 911. Reply STOP to opt out.";

    // One segment where a proper wording allows it, else the fullest within two; the last, bare
    // wording only when nothing else fits (a very long agency name or base URL).
    static string Fit(string[] candidates)
    {
        var proper = candidates[..^1];
        return proper.FirstOrDefault(c => SmsSegments.Measure(c).Segments == 1)
            ?? proper.FirstOrDefault(c => SmsSegments.Measure(c).Segments <= MaxInvitationSegments) ?? candidates[^1];
    }
}
