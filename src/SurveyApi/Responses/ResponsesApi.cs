using System.Text.Json;
using Surveys.Api.Hosting;
using Surveys.Rules;

namespace Surveys.Api.Responses;

public static class ResponsesApi
{
    public const int MaxBodyBytes = 16 * 1024;

    public sealed record ResponseBody(string? Token, Dictionary<string, JsonElement>? Answers, string? Comment,
        bool? WantsComplaint, bool? WantsFollowUp, bool? ShareComment);
    public sealed record Receipt(Guid ReceiptId);

    public static void MapResponses(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/responses", Post).WithTags("Resident").RequireRateLimiting(ResidentLimits.Policy).AllowAnonymous();

    static async Task<IResult> Post(HttpRequest request, Submission submission)
    {
        var (body, error) = await JsonBody.ReadAsync<ResponseBody>(request, MaxBodyBytes, strict: true);
        if (error is not null) return error;

        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body!.Token)) errors.Add("token", "is required.");
        var values = new Dictionary<string, int>();
        if (body.Answers is null) errors.Add("answers", "is required.");
        foreach (var (key, element) in body.Answers ?? [])
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var v)) values[key] = v;
            else if (element.ValueKind == JsonValueKind.Null) continue; // a skipped item
            else errors.Add($"answers.{key}", "must be a whole number from 1 to 5.");
        }
        if (body.Answers is not null) Validation.CheckAnswers(values, errors);
        Validation.CheckComment(body.Comment, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var answers = new Answers(values, string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment,
            body.WantsComplaint ?? false, body.WantsFollowUp ?? false, body.ShareComment ?? false);
        var (status, receiptId) = await submission.SubmitAsync(body.Token!, answers, "api");
        return status switch
        {
            SubmitStatus.Accepted => TypedResults.Accepted((string?)null, new Receipt(receiptId)),
            SubmitStatus.UnknownToken => Problems.NotFound("This survey link is not valid."),
            SubmitStatus.Expired => Problems.Status(StatusCodes.Status410Gone, "Survey closed", "This survey link has expired."),
            SubmitStatus.AlreadyAnswered => Problems.Status(StatusCodes.Status409Conflict, "Already answered", "This survey has already been answered."),
            _ => Problems.Status(StatusCodes.Status503ServiceUnavailable, "Try again shortly", "Your answer could not be queued right now; please try again in a minute."),
        };
    }
}
