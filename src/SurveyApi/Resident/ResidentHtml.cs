using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Surveys.Rules;
using Surveys.Texts;

namespace Surveys.Api.Resident;

/// <summary>
/// The resident's pages: plain server-rendered HTML, no script, one self-hosted stylesheet,
/// native radio groups (fieldset/legend, a label on every choice) that work on any phone. Each
/// page is in one offered language (Arabic right to left) and links to the others.
/// </summary>
public static class ResidentHtml
{
    public static readonly TextSource Strings = new(typeof(ResidentHtml).Assembly, "Surveys.Api.Resident.Strings");
    // Every script as UTF-8 text, not &#x..; escapes (an Arabic or Korean page would be five times the bytes); markup characters still escaped.
    static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The language a page is shown in, and whether the resident asked for one we have no texts for.</summary>
    public sealed record PageLanguage(TextCatalog Texts, string Lang, bool Unsupported)
    {
        public string T(string key) => Texts.Get(Strings, key, Lang);
    }

    /// <summary>?lang= first, then the contact's language; English (saying so) when neither is offered.</summary>
    public static PageLanguage Language(TextCatalog texts, string? requested, string? contactLanguage)
    {
        var lang = texts.Resolve(requested, contactLanguage);
        var asked = string.IsNullOrWhiteSpace(requested) ? contactLanguage : requested;
        return new(texts, lang, lang == "en" && !string.IsNullOrWhiteSpace(asked) && TextCatalog.Map(asked) != "en");
    }

    /// <summary>The shipped text, without the agency's overrides: for code that has no catalog at hand.</summary>
    public static string T(string key, string lang) => TextCatalog.ShippedTexts.Get(Strings, key, lang);

    public sealed record FormState(IReadOnlyDictionary<string, int> Answers, string? Comment, bool Share, bool FollowUp, bool Complaint);

    public static string SurveyPage(PageLanguage p, string token, string agency, IReadOnlyList<string> errors, FormState? state)
    {
        var lang = p.Lang;
        var b = new StringBuilder();
        b.Append($"<h1>{E(p.T("Title"))}</h1><p>{E(string.Format(CultureInfo.InvariantCulture, p.T("Intro"), agency))}</p>");
        Errors(b, p, errors);
        b.Append($"<form method=\"post\" action=\"/s/{E(token)}?lang={lang}\" novalidate>");
        foreach (var item in Instrument.Items) Question(b, p, item, p.T("Q_" + item), state?.Answers.GetValueOrDefault(item));
        b.Append($"<label for=\"comment\" class=\"block\">{E(p.T("Comment"))}</label><p class=\"hint\" id=\"comment-hint\">{E(p.T("CommentHint"))}</p>");
        b.Append($"<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"{Instrument.MaxCommentLength}\" aria-describedby=\"comment-hint\">{E(state?.Comment ?? "")}</textarea>");
        Checkbox(b, "shareComment", p.T("ShareComment"), state?.Share == true);
        Checkbox(b, "wantsFollowUp", p.T("WantsFollowUp"), state?.FollowUp == true);
        Checkbox(b, "wantsComplaint", p.T("WantsComplaint"), state?.Complaint == true);
        b.Append($"<button type=\"submit\">{E(p.T("Send"))}</button></form><p class=\"hint\">{E(p.T("Privacy"))}</p>");
        return Layout(p, $"/s/{token}", p.T("Title"), b.ToString());
    }

    /// <summary>The form's problems, announced first (role=alert); nothing when there are none.</summary>
    public static void Errors(StringBuilder b, PageLanguage p, IReadOnlyList<string> errors)
    {
        if (errors.Count == 0) return;
        b.Append($"<div class=\"errors\" role=\"alert\"><h2>{E(p.T("ErrorHeading"))}</h2><ul>");
        foreach (var e in errors) b.Append($"<li>{E(e)}</li>");
        b.Append("</ul></div>");
    }

    /// <summary>One item as a native radio group (shared with the event survey page); overall is the required one.</summary>
    public static void Question(StringBuilder b, PageLanguage p, string item, string legend, int? value)
    {
        var required = item == Instrument.Overall;
        var scale = required ? "Sat" : "Agr";
        b.Append($"<fieldset><legend>{E(legend)} <span class=\"hint\">{E(p.T(required ? "Required" : "Optional"))}</span></legend><div class=\"scale\">");
        for (var v = 1; v <= 5; v++)
        {
            var id = $"{item}-{v}";
            var check = value == v ? " checked" : "";
            b.Append($"<input type=\"radio\" id=\"{id}\" name=\"{item}\" value=\"{v}\"{(required ? " required" : "")}{check}>");
            b.Append($"<label for=\"{id}\"><span class=\"n\">{v}</span> {E(p.T(scale + v))}</label>");
        }
        b.Append("</div></fieldset>");
    }

    /// <summary>Thanks, expired, already answered, unknown, unavailable: a title and one sentence.</summary>
    public static string MessagePage(PageLanguage p, string path, string key) =>
        Layout(p, path, p.T(key + "Title"), $"<h1>{E(p.T(key + "Title"))}</h1><p>{E(p.T(key))}</p>");

    static void Checkbox(StringBuilder b, string name, string label, bool check) =>
        b.Append($"<div class=\"check\"><input type=\"checkbox\" id=\"{name}\" name=\"{name}\" value=\"true\"{(check ? " checked" : "")}><label for=\"{name}\">{E(label)}</label></div>");

    /// <summary>
    /// The page around a body, with the language picker first: plain links to the same page in
    /// each offered language, each named in its own language and script.
    /// </summary>
    public static string Layout(PageLanguage p, string path, string title, string body)
    {
        var nav = new StringBuilder();
        if (p.Unsupported) nav.Append($"<p class=\"notice\">{E(p.T("Unsupported"))}</p>");
        if (p.Texts.Offered.Count > 1)
        {
            nav.Append($"<nav class=\"langs\" aria-label=\"{E(p.T("LanguageNav"))}\"><ul>");
            foreach (var l in p.Texts.Offered)
                nav.Append($"<li><a href=\"{E(path)}?lang={l}\" lang=\"{l}\" hreflang=\"{l}\" dir=\"{Dir(l)}\"{(l == p.Lang ? " aria-current=\"page\"" : "")}>{E(TextCatalog.Autonym(l))}</a></li>");
            nav.Append("</ul></nav>");
        }
        return Document(p.Lang, title, nav + body);
    }

    static string Dir(string lang) => TextCatalog.IsRightToLeft(lang) ? "rtl" : "ltr";

    static string Document(string lang, string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="{lang}"{(TextCatalog.IsRightToLeft(lang) ? " dir=\"rtl\"" : "")}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{E(title)}</title><link rel="stylesheet" href="/s/assets/survey.css"></head>
        <body><main>{body}</main></body></html>
        """;

    public static string E(string text) => Html.Encode(text);
}
