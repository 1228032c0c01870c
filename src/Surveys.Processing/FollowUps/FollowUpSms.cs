using System.Globalization;
using Surveys.Sms;

namespace Surveys.Processing.FollowUps;

/// <summary>
/// The resident's two follow-up texts, in English and Spanish. The opening one names the
/// lieutenant and the agency so the call that follows is not taken for a scam.
/// </summary>
public static class FollowUpSms
{
    public static string Opened(string? language, string agency, string? lieutenant, TimeSpan due)
    {
        var es = SmsText.Language(language) == "es";
        var who = string.IsNullOrWhiteSpace(lieutenant) ? null : lieutenant.Trim();
        var within = Within(due, es);
        return es
            ? $"{(who is null ? "Alguien" : who)} de {agency} se comunicará con usted en un plazo de {within} sobre su encuesta, como lo pidió. Responda STOP para darse de baja."
            : $"{(who is null ? "Someone" : who)} from {agency} will contact you within {within} about your survey, as you asked. Reply STOP to opt out.";
    }

    public static string Closed(string? language, string agency, string outcome) => (SmsText.Language(language) == "es", outcome) switch
    {
        (true, "referred") => $"{agency}: Pasamos su solicitud a la oficina que puede ayudarle y cerramos su solicitud de seguimiento. Gracias por hablar con nosotros.",
        (true, _) => $"{agency}: Su solicitud de seguimiento sobre su encuesta está cerrada. Gracias por hablar con nosotros.",
        (false, "referred") => $"{agency}: We passed your request on to the office that can help, and closed your follow-up request. Thank you for talking with us.",
        _ => $"{agency}: Your follow-up request about your survey is closed. Thank you for talking with us.",
    };

    // Whole days read as days; anything shorter (or uneven) as hours, rounded up: never a promise shorter than the rule.
    static string Within(TimeSpan due, bool es)
    {
        if (due.TotalDays >= 1 && due.Ticks % TimeSpan.TicksPerDay == 0)
        {
            var days = (int)due.TotalDays;
            return es ? $"{days} {(days == 1 ? "día" : "días")}" : $"{days} {(days == 1 ? "day" : "days")}";
        }
        var hours = ((int)Math.Ceiling(due.TotalHours)).ToString(CultureInfo.InvariantCulture);
        return es ? $"{hours} horas" : $"{hours} hours";
    }
}
