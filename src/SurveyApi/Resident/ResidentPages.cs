using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Api.Responses;
using Surveys.Rules;

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
        group.MapGet("/thanks", (string? lang) => Page(200, ResidentHtml.MessagePage(ResidentHtml.Language(lang, null), "Thanks")));
        group.MapGet("/{token}", Show);
        // The token itself is the credential and the form carries no cookie-based identity, so
        // there is nothing for a cross-site request to ride on: antiforgery would add nothing.
        group.MapPost("/{token}", Submit).DisableAntiforgery();
    }

    static async Task<IResult> Show(string token, string? lang, Submission submission, IOptions<SurveysOptions> options)
    {
        var (status, contactLanguage) = await submission.CheckAsync(token);
        var l = ResidentHtml.Language(lang, contactLanguage);
        return status == SubmitStatus.Accepted
            ? Page(200, ResidentHtml.SurveyPage(l, token, options.Value.AgencyName, [], null))
            : StatusPage(status, l);
    }

    static async Task<IResult> Submit(string token, string? lang, HttpRequest request, Submission submission, IOptions<SurveysOptions> options)
    {
        var l = ResidentHtml.Language(lang, null);
        if (request.ContentLength > ResponsesApi.MaxBodyBytes) return Page(413, ResidentHtml.MessagePage(l, "Unavailable"));
        if (!request.HasFormContentType) return Page(415, ResidentHtml.MessagePage(l, "Unknown"));
        var form = await new FormFeature(request, new FormOptions { ValueLengthLimit = ResponsesApi.MaxBodyBytes, ValueCountLimit = 32 }).ReadFormAsync(request.HttpContext.RequestAborted);

        var answers = new Dictionary<string, int>();
        var messages = new List<string>();
        foreach (var item in Instrument.Items)
        {
            var raw = form[item].ToString();
            if (raw.Length == 0) continue;
            if (int.TryParse(raw, out var v) && v is >= 1 and <= 5) answers[item] = v;
            else if (!messages.Contains(ResidentHtml.T("ErrInvalid", l))) messages.Add(ResidentHtml.T("ErrInvalid", l));
        }
        var comment = form["comment"].ToString();
        var state = new ResidentHtml.FormState(answers, comment, Checked(form, "shareComment"), Checked(form, "wantsFollowUp"), Checked(form, "wantsComplaint"));
        if (!answers.ContainsKey(Instrument.Overall)) messages.Insert(0, ResidentHtml.T("ErrOverall", l));
        var errors = new FieldErrors();
        Validation.CheckComment(comment, errors);
        if (errors.Count > 0) messages.Add(ResidentHtml.T("ErrComment", l));
        if (messages.Count > 0) return Page(400, ResidentHtml.SurveyPage(l, token, options.Value.AgencyName, messages, state));

        var (status, _) = await submission.SubmitAsync(token,
            new Answers(answers, string.IsNullOrWhiteSpace(comment) ? null : comment, state.Complaint, state.FollowUp, state.Share), "web");
        // Post/redirect/get: a refresh of the thank-you page never re-submits.
        return status == SubmitStatus.Accepted ? new SeeOther($"/s/thanks?lang={l}") : StatusPage(status, l);
    }

    static bool Checked(IFormCollection form, string name) => form[name].ToString() is "true" or "on" or "1";

    static IResult StatusPage(SubmitStatus status, string lang) => status switch
    {
        SubmitStatus.UnknownToken => Page(404, ResidentHtml.MessagePage(lang, "Unknown")),
        SubmitStatus.Expired => Page(410, ResidentHtml.MessagePage(lang, "Expired")),
        SubmitStatus.AlreadyAnswered => Page(409, ResidentHtml.MessagePage(lang, "Answered")),
        _ => Page(503, ResidentHtml.MessagePage(lang, "Unavailable")),
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
