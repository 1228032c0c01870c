using Surveys.Rules;

namespace Surveys.Api.Hosting;

/// <summary>RFC 9457 problem details, with field errors named as the JSON calls them.</summary>
public static class Problems
{
    public static IResult Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid", detail: string.Join(" ", errors.Select(e => $"{e.Key} {e.Value[0]}")));

    /// <summary>Well-formed but unacceptable values (a time without an offset, a malformed language tag): 422.</summary>
    public static IResult Unprocessable(FieldErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity, Title = "The request cannot be processed",
            Detail = string.Join(" ", errors.Select(e => $"{e.Key} {e.Value[0]}")),
        });

    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static IResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);
}
