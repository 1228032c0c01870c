using System.Globalization;
using System.Text;
using Surveys.Api.Resident;
using Surveys.Processing.Events;
using Surveys.Rules;
using static Surveys.Api.Resident.ResidentHtml;

namespace Surveys.Api.Events;

/// <summary>The event survey form: the resident survey's layout, stylesheet and radio groups; overall, voice, trust and a comment.</summary>
public static class EventHtml
{
    public static string Form(string lang, string token, string title, string agency, string check, IReadOnlyList<string> errors,
        (Dictionary<string, int> Answers, string Comment)? state)
    {
        var b = new StringBuilder();
        b.Append($"<h1>{E(T("Event_Title", lang))}</h1><p>{E(string.Format(CultureInfo.InvariantCulture, T("Event_Intro", lang), agency, title))}</p>");
        if (errors.Count > 0)
        {
            b.Append($"<div class=\"errors\" role=\"alert\"><h2>{E(T("ErrorHeading", lang))}</h2><ul>");
            foreach (var e in errors) b.Append($"<li>{E(e)}</li>");
            b.Append("</ul></div>");
        }
        b.Append($"<form method=\"post\" action=\"/e/{E(token)}?lang={lang}\" novalidate><input type=\"hidden\" name=\"check\" value=\"{check}\">");
        foreach (var item in EventAnswerStore.Items)
            Question(b, lang, item, T(item == Instrument.Overall ? "Event_Q_overall" : "Q_" + item, lang), state?.Answers.GetValueOrDefault(item));
        b.Append($"<label for=\"comment\" class=\"block\">{E(T("Comment", lang))}</label><p class=\"hint\" id=\"comment-hint\">{E(T("CommentHint", lang))}</p>");
        b.Append($"<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"{Instrument.MaxCommentLength}\" aria-describedby=\"comment-hint\">{E(state?.Comment ?? "")}</textarea>");
        b.Append($"<button type=\"submit\">{E(T("Send", lang))}</button></form><p class=\"hint\">{E(T("Event_Privacy", lang))}</p>");
        b.Append("<ul class=\"languages\">");
        foreach (var other in Languages.Where(o => o != lang))
            b.Append($"<li><a href=\"/e/{E(token)}?lang={other}\" lang=\"{other}\" hreflang=\"{other}\">{E(T("Event_LanguageName", other))}</a></li>");
        b.Append("</ul>");
        return Layout(lang, T("Event_Title", lang), b.ToString());
    }
}
