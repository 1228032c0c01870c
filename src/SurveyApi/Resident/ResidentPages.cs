using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Api.Responses;
using Surveys.Rules;
using Surveys.Texts;

namespace Surveys.Api.Resident;

public static class ResidentPages
{
    static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(ResidentPages).Assembly.GetManifestResourceStream("Surveys.Api.Resident.survey.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static void MapResidentPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/s").WithTags("Resident").RequireRateLimiting(ResidentLimits.Policy).AllowAnonymous().ExcludeFromDescription();
        // A survey page carries the resident's token (and, after a bad submit, their answers): no cache keeps it.
        group.AddEndpointFilter((context, next) =>
        {
            if (!context.HttpContext.Request.Path.StartsWithSegments("/s/assets")) context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        group.MapGet("/assets/survey.css", () => Results.Text(Css.Value, "text/css"));
        group.MapGet("/thanks", (string? lang, TextCatalog texts) => Page(200, ResidentHtml.MessagePage(ResidentHtml.Language(texts, lang, null), "/s/thanks", "Thanks")));
        group.MapGet("/{token}", Show);
        // The token itself is the credential and the form carries no cookie-based identity, so
        // there is nothing for a cross-site request to ride on: antiforgery would add nothing.
        group.MapPost("/{token}", Submit).DisableAntiforgery();
    }

    static async Task<IResult> Show(string token, string? lang, Submission submission, TextCatalog texts, IOptions<SurveysOptions> options)
    {
        var (status, contactLanguage) = await submission.CheckAsync(token);
        var l = ResidentHtml.Language(texts, lang, contactLanguage);
        return status == SubmitStatus.Accepted
            ? Page(200, ResidentHtml.SurveyPage(l, token, options.Value.AgencyName, [], null))
            : StatusPage(status, l, token);
    }

    static async Task<IResult> Submit(string token, string? lang, HttpRequest request, Submission submission, TextCatalog texts, IOptions<SurveysOptions> options)
    {
        var l = ResidentHtml.Language(texts, lang, null);
        var path = $"/s/{Uri.EscapeDataString(token)}";
        if (request.ContentLength > ResponsesApi.MaxBodyBytes) return Page(413, ResidentHtml.MessagePage(l, path, "Unavailable"));
        if (!request.HasFormContentType) return Page(415, ResidentHtml.MessagePage(l, path, "Unknown"));
        var (formStatus, form) = await ReadFormAsync(request);
        if (form is null) return Page(formStatus, ResidentHtml.MessagePage(l, path, "Unavailable"));

        var answers = new Dictionary<string, int>();
        var messages = new List<string>();
        foreach (var item in Instrument.Items)
        {
            var raw = form[item].ToString();
            if (raw.Length == 0) continue;
            // Exactly one digit: int.TryParse would also take " 5" or "5\n".
            if (raw is { Length: 1 } && raw[0] is >= '1' and <= '5') answers[item] = raw[0] - '0';
            else if (!messages.Contains(l.T("ErrInvalid"))) messages.Add(l.T("ErrInvalid"));
        }
        var comment = form["comment"].ToString();
        var state = new ResidentHtml.FormState(answers, comment, Checked(form, "shareComment"), Checked(form, "wantsFollowUp"), Checked(form, "wantsComplaint"));
        if (!answers.ContainsKey(Instrument.Overall)) messages.Insert(0, l.T("ErrOverall"));
        var errors = new FieldErrors();
        Validation.CheckComment(comment, errors);
        if (errors.Count > 0) messages.Add(l.T("ErrComment"));
        if (messages.Count > 0) return Page(400, ResidentHtml.SurveyPage(l, token, options.Value.AgencyName, messages, state));

        var (status, _) = await submission.SubmitAsync(token,
            new Answers(answers, string.IsNullOrWhiteSpace(comment) ? null : comment, state.Complaint, state.FollowUp, state.Share), "web");
        // Post/redirect/get: a refresh of the thank-you page never re-submits.
        return status == SubmitStatus.Accepted ? new SeeOther($"/s/thanks?lang={l.Lang}") : StatusPage(status, l, token);
    }

    /// <summary>
    /// The form within the resident limit, counted on the bytes received (a chunked body has no
    /// Content-Length): 413 past 16 KiB, nothing read beyond it; 400 for a form that is not one
    /// (too many fields, a broken multipart body) instead of an exception.
    /// </summary>
    internal static async Task<(int Status, IFormCollection? Fields)> ReadFormAsync(HttpRequest request)
    {
        if (await BoundedBody.ReadAsync(request, ResponsesApi.MaxBodyBytes) is not { } bytes) return (413, null);
        request.Body = new MemoryStream(bytes, writable: false);
        var limits = new FormOptions { ValueLengthLimit = ResponsesApi.MaxBodyBytes, ValueCountLimit = 32, MultipartBodyLengthLimit = ResponsesApi.MaxBodyBytes };
        try { return (200, await new FormFeature(request, limits).ReadFormAsync(request.HttpContext.RequestAborted)); }
        catch (Exception e) when (e is InvalidDataException or IOException) { return (400, null); }
    }

    static bool Checked(IFormCollection form, string name) => form[name].ToString() is "true" or "on" or "1";

    static IResult StatusPage(SubmitStatus status, ResidentHtml.PageLanguage lang, string token) => status switch
    {
        SubmitStatus.UnknownToken => Page(404, ResidentHtml.MessagePage(lang, $"/s/{Uri.EscapeDataString(token)}", "Unknown")),
        SubmitStatus.Expired => Page(410, ResidentHtml.MessagePage(lang, $"/s/{Uri.EscapeDataString(token)}", "Expired")),
        SubmitStatus.AlreadyAnswered => Page(409, ResidentHtml.MessagePage(lang, $"/s/{Uri.EscapeDataString(token)}", "Answered")),
        _ => Page(503, ResidentHtml.MessagePage(lang, $"/s/{Uri.EscapeDataString(token)}", "Unavailable")),
    };

    static IResult Page(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
