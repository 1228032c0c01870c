using System.Globalization;
using System.Text;
using Surveys.Figures;
using Surveys.Rules;
using static Surveys.Api.Resident.ResidentHtml;

namespace Surveys.Api.Events;

/// <summary>The event survey form: the resident survey's layout, stylesheet, language picker and radio groups; overall, voice, trust and a comment.</summary>
public static class EventHtml
{
    public static string Form(PageLanguage p, string token, string title, string agency, string check, IReadOnlyList<string> errors,
        (Dictionary<string, int> Answers, string Comment)? state)
    {
        var b = new StringBuilder();
        b.Append($"<h1>{E(p.T("Event_Title"))}</h1><p>{E(string.Format(CultureInfo.InvariantCulture, p.T("Event_Intro"), agency, title))}</p>");
        Errors(b, p, errors);
        b.Append($"<form method=\"post\" action=\"/e/{E(token)}?lang={p.Lang}\" novalidate><input type=\"hidden\" name=\"check\" value=\"{check}\">");
        foreach (var item in EventFigures.Items)
            Question(b, p, item, p.T(item == Instrument.Overall ? "Event_Q_overall" : "Q_" + item), state?.Answers.GetValueOrDefault(item));
        b.Append($"<label for=\"comment\" class=\"block\">{E(p.T("Comment"))}</label><p class=\"hint\" id=\"comment-hint\">{E(p.T("CommentHint"))}</p>");
        b.Append($"<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"{Instrument.MaxCommentLength}\" aria-describedby=\"comment-hint\">{E(state?.Comment ?? "")}</textarea>");
        b.Append($"<button type=\"submit\">{E(p.T("Send"))}</button></form><p class=\"hint\">{E(p.T("Event_Privacy"))}</p>");
        return Layout(p, $"/e/{token}", p.T("Event_Title"), b.ToString());
    }
}
