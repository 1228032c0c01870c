using System.Text.Json;
using Surveys.Rules;

namespace Surveys.Api.Hosting;

/// <summary>
/// Reads a JSON body with the contract's error rules: 415 when not JSON, 413 past the size
/// limit, 400 naming the offending field for malformed JSON or wrong types.
/// </summary>
public static class JsonBody
{
    // A repeated key ({"overall":5,"overall":1}) is refused: which one wins differs between parsers,
    // so a proxy or log could read a different answer from the one stored.
    static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
        { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow, AllowDuplicateProperties = false };
    static readonly JsonSerializerOptions Lenient = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes = 64 * 1024, bool strict = false) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "The body must be JSON (Content-Type: application/json)."));
        if (await BoundedBody.ReadAsync(request, maxBytes) is not { } bytes) return (null, TooLarge(maxBytes));
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, strict ? Strict : Lenient);
            return value is null ? (null, Problems.Invalid(new FieldErrors { { "$", "The body must be a JSON object." } })) : (value, null);
        }
        catch (JsonException e)
        {
            var message = UnknownMember(e) is not null ? "is not a known field."
                : e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "appears more than once."
                : "has the wrong type or is not valid JSON.";
            return (null, Problems.Invalid(new FieldErrors { { FieldOf(e), message } }));
        }
    }

    // System.Text.Json names an unmapped member only in its message: "The JSON property 'x' could not be mapped…".
    static string? UnknownMember(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal) && e.Message.Split('\'') is { Length: > 2 } parts ? parts[1] : null;

    static string FieldOf(JsonException e) =>
        UnknownMember(e) ?? (string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.'));

    static IResult TooLarge(int maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes / 1024} KiB.");
}
