using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Encodings.Web;
using Surveys.Rules;

namespace Surveys.Api.Resident;

/// <summary>
/// The resident's pages: plain server-rendered HTML, no script, one self-hosted stylesheet,
/// native radio groups (fieldset/legend, a label on every choice) that work on any phone.
/// </summary>
public static class ResidentHtml
{
    static readonly ResourceManager Strings = new("Surveys.Api.Resident.Strings", typeof(ResidentHtml).Assembly);
    static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    public static string Language(string? requested, string? contactLanguage)
    {
        foreach (var candidate in new[] { requested, contactLanguage })
            if (candidate?.Split('-')[0].ToLowerInvariant() is { } l && Languages.Contains(l)) return l;
        return "en";
    }

    public static string T(string key, string lang) => Strings.GetString(key, CultureInfo.GetCultureInfo(lang)) ?? key;

    public sealed record FormState(IReadOnlyDictionary<string, int> Answers, string? Comment, bool Share, bool FollowUp, bool Complaint);

    public static string SurveyPage(string lang, string token, string agency, IReadOnlyList<string> errors, FormState? state)
    {
        var b = new StringBuilder();
        b.Append($"<h1>{E(T("Title", lang))}</h1><p>{E(string.Format(CultureInfo.InvariantCulture, T("Intro", lang), agency))}</p>");
        if (errors.Count > 0)
        {
            b.Append($"<div class=\"errors\" role=\"alert\"><h2>{E(T("ErrorHeading", lang))}</h2><ul>");
            foreach (var e in errors) b.Append($"<li>{E(e)}</li>");
            b.Append("</ul></div>");
        }
        b.Append($"<form method=\"post\" action=\"/s/{E(token)}?lang={lang}\" novalidate>");
        foreach (var item in Instrument.Items) Question(b, lang, item, T("Q_" + item, lang), state?.Answers.GetValueOrDefault(item));
        b.Append($"<label for=\"comment\" class=\"block\">{E(T("Comment", lang))}</label><p class=\"hint\" id=\"comment-hint\">{E(T("CommentHint", lang))}</p>");
        b.Append($"<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"{Instrument.MaxCommentLength}\" aria-describedby=\"comment-hint\">{E(state?.Comment ?? "")}</textarea>");
        Checkbox(b, "shareComment", T("ShareComment", lang), state?.Share == true);
        Checkbox(b, "wantsFollowUp", T("WantsFollowUp", lang), state?.FollowUp == true);
        Checkbox(b, "wantsComplaint", T("WantsComplaint", lang), state?.Complaint == true);
        b.Append($"<button type=\"submit\">{E(T("Send", lang))}</button></form><p class=\"hint\">{E(T("Privacy", lang))}</p>");
        var other = lang == "en" ? "es" : "en";
        b.Append($"<p><a href=\"/s/{E(token)}?lang={other}\" lang=\"{other}\">{E(T("OtherLanguage", lang))}</a></p>");
        return Layout(lang, T("Title", lang), b.ToString());
    }

    /// <summary>One item as a native radio group (shared with the event survey page); overall is the required one.</summary>
    public static void Question(StringBuilder b, string lang, string item, string legend, int? value)
    {
        var required = item == Instrument.Overall;
        var scale = required ? "Sat" : "Agr";
        b.Append($"<fieldset><legend>{E(legend)} <span class=\"hint\">{E(T(required ? "Required" : "Optional", lang))}</span></legend><div class=\"scale\">");
        for (var v = 1; v <= 5; v++)
        {
            var id = $"{item}-{v}";
            var check = value == v ? " checked" : "";
            b.Append($"<input type=\"radio\" id=\"{id}\" name=\"{item}\" value=\"{v}\"{(required ? " required" : "")}{check}>");
            b.Append($"<label for=\"{id}\"><span class=\"n\">{v}</span> {E(T(scale + v, lang))}</label>");
        }
        b.Append("</div></fieldset>");
    }

    /// <summary>Thanks, expired, already answered, unknown, unavailable: a title and one sentence.</summary>
    public static string MessagePage(string lang, string key) =>
        Layout(lang, T(key + "Title", lang), $"<h1>{E(T(key + "Title", lang))}</h1><p>{E(T(key, lang))}</p>");

    static void Checkbox(StringBuilder b, string name, string label, bool check) =>
        b.Append($"<div class=\"check\"><input type=\"checkbox\" id=\"{name}\" name=\"{name}\" value=\"true\"{(check ? " checked" : "")}><label for=\"{name}\">{E(label)}</label></div>");

    public static string Layout(string lang, string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{E(title)}</title><link rel="stylesheet" href="/s/assets/survey.css"></head>
        <body><main>{body}</main></body></html>
        """;

    public static string E(string text) => Html.Encode(text);
}
