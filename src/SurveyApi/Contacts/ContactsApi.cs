using System.Globalization;
using System.Text.RegularExpressions;
using Surveys.Api.Hosting;
using Surveys.Rules;

namespace Surveys.Api.Contacts;

public static partial class ContactsApi
{
    public sealed record ContactBody(string? ExternalId, string? OccurredAt, string? Neighborhood, string? ContactType,
        List<string>? Officers, string? Phone, string? Language);

    /// <summary>A contact that passed every check, in canonical form (language tag case, distinct badges).</summary>
    public sealed record NewContact(string ExternalId, DateTimeOffset OccurredAt, string Neighborhood, string ContactType,
        IReadOnlyList<string> Officers, string Phone, string Language);

    public sealed record ContactResult(string ContactId, string Status, string? SurveyUrl);

    /// <summary>No contact predates the service; earlier instants are typos (0001-01-01 is a missing value).</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void MapContacts(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/contacts", Post).WithTags("Contacts").RequireAuthorization(AccessPolicies.Intake)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    static async Task<IResult> Post(HttpRequest request, ContactIntake intake, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<ContactBody>(request);
        if (error is not null) return error;
        var (contact, invalid, unprocessable) = Check(body!, time.GetUtcNow());
        if (invalid.Count > 0) return Problems.Invalid(invalid);
        if (unprocessable.Count > 0) return Problems.Unprocessable(unprocessable);

        var outcome = await intake.RecordAsync(contact!, time.GetUtcNow());
        if (outcome is null)
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "Unknown neighborhood",
                $"neighborhood '{contact!.Neighborhood}' is not a known neighborhood code; add it with PUT /api/v1/neighborhoods/{{code}}.");
        var result = new ContactResult(outcome.ContactId, outcome.Status, outcome.Token is null ? null : SurveyLinks.For(request, outcome.Token));
        return outcome.Created ? TypedResults.Created($"/api/v1/contacts/{outcome.ContactId}", result) : TypedResults.Ok(result);
    }

    /// <summary>
    /// Malformed fields are 400; well-formed values the service cannot take (a time without an offset
    /// or out of range, a malformed language tag, as the contract says) are 422. Nothing is trimmed:
    /// an id, code or phone is taken exactly as sent, or refused.
    /// </summary>
    public static (NewContact? Contact, FieldErrors Invalid, FieldErrors Unprocessable) Check(ContactBody b, DateTimeOffset now)
    {
        var (errors, unprocessable) = (new FieldErrors(), new FieldErrors());
        if (string.IsNullOrEmpty(b.ExternalId) || b.ExternalId.Length > 100 || Validation.LineProblem(b.ExternalId) is not null || b.ExternalId.Trim() != b.ExternalId)
            errors.Add("externalId", "is required: 1–100 characters on one line, without leading or trailing spaces.");
        DateTimeOffset occurredAt = default;
        if (b.OccurredAt is null) errors.Add("occurredAt", "is required (ISO 8601 with an offset, e.g. 2026-10-03T14:03:00Z).");
        else if (!IsoInstant().IsMatch(b.OccurredAt)) errors.Add("occurredAt", "must be an ISO 8601 date and time, e.g. 2026-10-03T14:03:00Z.");
        else if (!IsoInstant().Match(b.OccurredAt).Groups["offset"].Success) unprocessable.Add("occurredAt", "must carry a UTC offset (Z or ±hh:mm): a local time is ambiguous.");
        else if (int.Parse(b.OccurredAt[..4], CultureInfo.InvariantCulture) < Earliest.Year || (DateTimeOffset.TryParse(b.OccurredAt,
                     CultureInfo.InvariantCulture, DateTimeStyles.None, out occurredAt) && occurredAt < Earliest))
            unprocessable.Add("occurredAt", $"must not be before {Earliest:yyyy-MM-dd}.");
        else if (occurredAt == default) errors.Add("occurredAt", "is not a real date and time.");
        else if (occurredAt > now.AddMinutes(10)) unprocessable.Add("occurredAt", "must not be in the future.");
        if (b.Neighborhood is null || !Validation.Code().IsMatch(b.Neighborhood)) errors.Add("neighborhood", "is required: a neighborhood code of 1–32 letters, digits, '.', '_' or '-'.");
        if (b.ContactType is null || b.ContactType.Length > 64 || !Validation.KebabCode().IsMatch(b.ContactType))
            errors.Add("contactType", "is required: a lower-case kebab-case code such as call-for-service.");
        if (b.Officers is { Count: > 20 }) errors.Add("officers", "must list at most 20 badges.");
        foreach (var (badge, i) in (b.Officers ?? []).Select((x, i) => (x, i)))
            if (badge is null || !Validation.Code().IsMatch(badge)) errors.Add($"officers[{i}]", "must be a badge of 1–32 letters, digits, '.', '_' or '-'.");
        if (b.Phone is null || !Validation.E164().IsMatch(b.Phone)) errors.Add("phone", "is required in E.164 form, e.g. +18605550100.");
        var language = "en";
        if (b.Language is not null && !LanguageTag.TryNormalize(b.Language, out language))
            unprocessable.Add("language", "must be a BCP 47 language tag such as en, es, zh-Hans or es-419.");
        if (errors.Count > 0 || unprocessable.Count > 0) return (null, errors, unprocessable);
        // Badges compare ignoring case (B12 and b12 are one officer), so a repeat in either case is one link.
        var officers = (b.Officers ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (new NewContact(b.ExternalId!, occurredAt, b.Neighborhood!, b.ContactType!, officers, b.Phone!, language), errors, unprocessable);
    }

    // The JSON form of an instant; a missing offset is matched (and then refused with 422) so it can be named.
    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(?<offset>Z|[+-][0-9]{2}:[0-9]{2})?\z")]
    private static partial Regex IsoInstant();
}

public static class SurveyLinks
{
    /// <summary>The resident's link: on <see cref="PublicUrl"/>, never on the Host this request named.</summary>
    public static string For(HttpRequest request, string token) =>
        $"{request.HttpContext.RequestServices.GetRequiredService<PublicUrl>().Base}/s/{token}";
}
