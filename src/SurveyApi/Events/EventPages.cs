using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Api.Resident;
using Surveys.Data;
using Surveys.Rules;
using Surveys.Texts;

namespace Surveys.Api.Events;

/// <summary>
/// The event survey page /e/{token} (docs/events.md): no script, one link shared by everyone at
/// the event, one answer per browser (a random id in an HttpOnly cookie set by the first GET).
/// </summary>
public static class EventPages
{
    public const string Cookie = "surveys_event_browser";

    public static void MapEventPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/e").WithTags("Resident").RequireRateLimiting(ResidentLimits.EventPolicy).AllowAnonymous().ExcludeFromDescription();
        group.AddEndpointFilter((context, next) => { context.HttpContext.Response.Headers.CacheControl = "no-store"; return next(context); });
        group.MapGet("/thanks", (string? lang, TextCatalog texts) => Page(200, ResidentHtml.MessagePage(ResidentHtml.Language(texts, lang, null), "/e/thanks", "Thanks")));
        group.MapGet("/{token}", Show);
        // CSRF: the cookie is SameSite=Lax (a cross-site POST arrives without it) and the form
        // carries a value derived from it that another site cannot read (FormCheck).
        group.MapPost("/{token}", Submit).DisableAntiforgery();
    }

    static async Task<IResult> Show(string token, string? lang, HttpContext context, Db db, EventSubmission submission, TimeProvider time,
        IOptions<SurveysOptions> options, TextCatalog texts)
    {
        var l = ResidentHtml.Language(texts, lang, null);
        var (e, refused) = await OpenEventAsync(token, db, time, l);
        if (refused is not null) return refused;
        var browser = BrowserId(context);
        if (browser is null)
        {
            browser = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            context.Response.Cookies.Append(Cookie, browser, new CookieOptions
            {
                HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/e/", MaxAge = TimeSpan.FromDays(30), IsEssential = true,
            });
        }
        else if (await submission.AlreadyAnsweredAsync(e!.Id, browser)) return Page(409, ResidentHtml.MessagePage(l, $"/e/{token}", "Event_Answered"));
        return Page(200, EventHtml.Form(l, token, e!.Title, options.Value.AgencyName, FormCheck(browser), [], null));
    }

    static async Task<IResult> Submit(string token, string? lang, HttpRequest request, Db db, EventSubmission submission, TimeProvider time,
        IOptions<SurveysOptions> options, TextCatalog texts)
    {
        var l = ResidentHtml.Language(texts, lang, null);
        if (request.ContentLength > Surveys.Api.Responses.ResponsesApi.MaxBodyBytes) return Page(413, ResidentHtml.MessagePage(l, $"/e/{token}", "Unavailable"));
        if (!request.HasFormContentType) return Page(415, ResidentHtml.MessagePage(l, $"/e/{token}", "Event_Reopen"));
        var (e, refused) = await OpenEventAsync(token, db, time, l);
        if (refused is not null) return refused;
        var (formStatus, form) = await ResidentPages.ReadFormAsync(request);
        if (form is null) return Page(formStatus, ResidentHtml.MessagePage(l, $"/e/{token}", "Unavailable"));
        var browser = BrowserId(request.HttpContext);
        if (browser is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(FormCheck(browser)), Encoding.ASCII.GetBytes(form["check"].ToString())))
            return Page(400, ResidentHtml.MessagePage(l, $"/e/{token}", "Event_Reopen"));
        if (await submission.AlreadyAnsweredAsync(e!.Id, browser)) return Page(409, ResidentHtml.MessagePage(l, $"/e/{token}", "Event_Answered"));

        var answers = new Dictionary<string, int>();
        var messages = new List<string>();
        foreach (var item in Surveys.Figures.EventFigures.Items)
        {
            var raw = form[item].ToString();
            if (raw.Length == 0) continue;
            if (raw is { Length: 1 } && raw[0] is >= '1' and <= '5') answers[item] = raw[0] - '0';
            else if (!messages.Contains(l.T("ErrInvalid"))) messages.Add(l.T("ErrInvalid"));
        }
        var comment = form["comment"].ToString();
        if (!answers.ContainsKey(Instrument.Overall)) messages.Insert(0, l.T("ErrOverall"));
        var errors = new FieldErrors();
        Validation.CheckComment(comment, errors);
        if (errors.Count > 0) messages.Add(l.T("ErrComment"));
        if (messages.Count > 0) return Page(400, EventHtml.Form(l, token, e.Title, options.Value.AgencyName, FormCheck(browser), messages, (answers, comment)));

        var queued = await submission.QueueAsync(e.Id, browser, answers, string.IsNullOrWhiteSpace(comment) ? null : comment, l.Lang);
        if (!queued) return Page(503, ResidentHtml.MessagePage(l, $"/e/{token}", "Unavailable"));
        return new RedirectSeeOther($"/e/thanks?lang={l.Lang}");
    }

    /// <summary>The event behind a token while its survey is open: else the 404 or 410 page.</summary>
    static async Task<(EventQueries.Event? Event, IResult? Refused)> OpenEventAsync(string token, Db db, TimeProvider time, ResidentHtml.PageLanguage lang)
    {
        // Tokens are 12 URL-safe characters; anything else is not looked up.
        if (token.Length != 12 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return (null, Page(404, ResidentHtml.MessagePage(lang, $"/e/{token}", "Event_Unknown")));
        await using var connection = await db.OpenAsync();
        var e = await EventQueries.FindByTokenAsync(connection, token);
        if (e is null) return (null, Page(404, ResidentHtml.MessagePage(lang, $"/e/{token}", "Event_Unknown")));
        var starts = DateTimeOffset.FromUnixTimeMilliseconds(e.StartsAt);
        var now = time.GetUtcNow();
        if (now < starts - EventsApi.OpensBefore || now > starts + EventsApi.ClosesAfter) return (null, Page(410, ResidentHtml.MessagePage(lang, $"/e/{token}", "Event_Closed")));
        return (e, null);
    }

    public static string? BrowserId(HttpContext context) =>
        context.Request.Cookies[Cookie] is { Length: 22 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : null;

    /// <summary>Derived from the HttpOnly browser id, which no other site can read: the form's proof that this browser loaded it.</summary>
    static string FormCheck(string browser) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("surveys-event-form\n" + browser)));

    static IResult Page(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    sealed class RedirectSeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
