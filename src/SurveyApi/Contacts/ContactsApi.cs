using Surveys.Api.Hosting;
using Surveys.Rules;

namespace Surveys.Api.Contacts;

public static class ContactsApi
{
    public sealed record ContactBody(string? ExternalId, DateTimeOffset? OccurredAt, string? Neighborhood, string? ContactType,
        List<string>? Officers, string? Phone, string? Language);

    public sealed record ContactResult(string ContactId, string Status, string? SurveyUrl);

    public static void MapContacts(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/contacts", Post).WithTags("Contacts").RequireAuthorization(AccessPolicies.Intake);

    static async Task<IResult> Post(HttpRequest request, ContactIntake intake, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<ContactBody>(request);
        if (error is not null) return error;
        var errors = Check(body!, time.GetUtcNow());
        if (errors.Count > 0) return Problems.Invalid(errors);

        var outcome = await intake.RecordAsync(body!, time.GetUtcNow());
        if (outcome is null)
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "Unknown neighborhood",
                $"neighborhood '{body!.Neighborhood}' is not a known neighborhood code; add it with PUT /api/v1/neighborhoods/{{code}}.");
        var result = new ContactResult(outcome.ContactId, outcome.Status, outcome.Token is null ? null : SurveyLinks.For(request, outcome.Token));
        return outcome.Created ? TypedResults.Created($"/api/v1/contacts/{outcome.ContactId}", result) : TypedResults.Ok(result);
    }

    public static FieldErrors Check(ContactBody b, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(b.ExternalId) || b.ExternalId.Length > 100 || Validation.TextProblem(b.ExternalId) is not null)
            errors.Add("externalId", "is required: 1–100 printable characters.");
        if (b.OccurredAt is null) errors.Add("occurredAt", "is required (ISO 8601 with an offset, e.g. 2026-10-03T14:03:00Z).");
        else if (b.OccurredAt > now.AddMinutes(10)) errors.Add("occurredAt", "must not be in the future.");
        if (string.IsNullOrWhiteSpace(b.Neighborhood)) errors.Add("neighborhood", "is required.");
        if (b.ContactType is null || b.ContactType.Length > 64 || !Validation.KebabCode().IsMatch(b.ContactType))
            errors.Add("contactType", "is required: a lower-case kebab-case code such as call-for-service.");
        if (b.Officers is { Count: > 20 }) errors.Add("officers", "must list at most 20 badges.");
        foreach (var (badge, i) in (b.Officers ?? []).Select((x, i) => (x, i)))
            if (badge is null || !Validation.Code().IsMatch(badge)) errors.Add($"officers[{i}]", "must be a badge of 1–32 letters, digits, '.', '_' or '-'.");
        if (b.Phone is null || !Validation.E164().IsMatch(b.Phone)) errors.Add("phone", "is required in E.164 form, e.g. +18605550100.");
        if (b.Language is not null && !Validation.Language().IsMatch(b.Language)) errors.Add("language", "must be a language code such as en or es.");
        return errors;
    }
}

public static class SurveyLinks
{
    /// <summary>The resident's link: on <see cref="PublicUrl"/>, never on the Host this request named.</summary>
    public static string For(HttpRequest request, string token) =>
        $"{request.HttpContext.RequestServices.GetRequiredService<PublicUrl>().Base}/s/{token}";
}
