using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Surveys.Api.Hosting;

namespace Surveys.Api.StaffConsole;

public static class ConsolePaths
{
    public const string Root = "/console", SignIn = "/console/sign-in", SignOut = "/console/sign-out",
        SignOutEverywhere = "/console/sign-out-everywhere", Css = "/console/assets/console.css";
}

/// <summary>
/// The console's HTML: every page server-rendered, one self-hosted stylesheet, no script (the CSP
/// forbids it), every free text through <see cref="E"/> (bidi controls made visible), every form with an antiforgery token.
/// </summary>
public static class ConsoleLayout
{
    static readonly HtmlEncoder Html = HtmlEncoder.Default;

    // Bidi controls are shown as visible markers: staff read residents' comments and imported names here.
    public static string E(string? text) => Html.Encode(Surveys.Rules.Validation.ShowBidiControls(text ?? ""));

    public static string When(long ms) => E(DateTimeOffset.FromUnixTimeMilliseconds(ms).ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'"));

    public static IResult Page(HttpContext context, string title, string body, int status = 200, bool narrow = false)
    {
        var user = context.User;
        var nav = new StringBuilder();
        if (user.Identity?.IsAuthenticated == true)
        {
            void Link(string href, string text) => nav.Append($"<a href=\"{href}\">{E(text)}</a>");
            Link("/console", "Home");
            if (user.IsInRole(Roles.Ia)) Link("/console/flags", "IA queue");
            if (Roles.SeesAllNeighborhoods(user) || Roles.IsLieutenant(user)) { Link("/console/follow-ups", "Follow-ups"); Link("/console/problems", "Problems"); Link("/console/events", "Events"); }
            if (Roles.IsLieutenant(user)) Link("/console/items", "Low ratings");
            if (Roles.SeesAllNeighborhoods(user) || Roles.IsLieutenant(user)) { Link("/console/figures", "Figures"); Link("/console/commendations", "Commendations"); }
            if (Roles.SeesAllNeighborhoods(user)) Link("/console/comment-reviews", "Comment review");
            if (user.IsInRole(Roles.Admin))
            {
                Link("/console/admin/users", "Users"); Link("/console/admin/keys", "API keys"); Link("/console/admin/neighborhoods", "Neighborhoods");
                Link("/console/admin/roster", "Roster"); Link("/console/admin/exclusions", "Exclusions"); Link("/console/admin/audit", "Audit log");
            }
        }
        var signOut = user.Identity?.IsAuthenticated == true
            ? Form(context, ConsolePaths.SignOut, $"<span>{E(user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity.Name)}</span><button type=\"submit\">Sign out</button>")
            : "";
        return Results.Content(Plain(title, body, nav.ToString(), signOut, narrow), "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The page around a body that is already HTML; <paramref name="title"/> is text.</summary>
    public static string Plain(string title, string body, string nav = "", string signOut = "", bool narrow = true) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{E(title)} · Surveys console</title><link rel="stylesheet" href="{ConsolePaths.Css}"></head>
        <body><header><span class="brand">Surveys console</span><nav>{nav}</nav>{signOut}</header>
        <main{(narrow ? " class=\"narrow\"" : "")}><h1>{E(title)}</h1>{body}</main></body></html>
        """;

    /// <summary>A POST form carrying the antiforgery token for this user.</summary>
    public static string Form(HttpContext context, string action, string inner, string? cssClass = null, bool multipart = false)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<form method=\"post\" action=\"{E(action)}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}{(multipart ? " enctype=\"multipart/form-data\"" : "")}>"
            + $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{inner}</form>";
    }

    public static string Message(string? text, bool error = false) =>
        string.IsNullOrEmpty(text) ? "" : $"<p class=\"{(error ? "error" : "message")}\" role=\"{(error ? "alert" : "status")}\">{E(text)}</p>";

    public static string Status(string status) => $"<span class=\"status {E(status)}\">{E(status)}</span>";

    public static string Options(IEnumerable<string> values, string? selected = null) =>
        string.Concat(values.Select(v => $"<option value=\"{E(v)}\"{(v == selected ? " selected" : "")}>{E(v)}</option>"));

    /// <summary>Signed in without the role: a plain page and 403 (the cookie scheme would redirect).</summary>
    public static Task WriteForbiddenAsync(HttpContext context) => Forbidden(context).ExecuteAsync(context);

    public static IResult Forbidden(HttpContext context) =>
        Page(context, "Not allowed", "<p>Your account does not have access to this page. Ask an administrator if you need it.</p>", 403);

    public static IResult NotFound(HttpContext context, string what = "page") => Page(context, "Not found", $"<p>There is no such {E(what)}.</p>", 404);

    public static IResult SeeOther(string location) => new Redirect303(location);

    sealed class Redirect303(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
