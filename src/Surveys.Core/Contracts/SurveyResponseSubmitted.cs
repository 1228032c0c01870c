namespace Surveys.Contracts;

/// <summary>
/// A resident's validated answers, queued by the API and stored by the worker. MassTransit
/// matches messages by namespace and type name, so this one type is shared by every host.
/// </summary>
public sealed record SurveyResponseSubmitted
{
    public required Guid ReceiptId { get; init; }
    /// <summary>The token's random id (not the token): the worker's unique key.</summary>
    public required string TokenId { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required Dictionary<string, int> Answers { get; init; }
    public string? Comment { get; init; }
    public bool WantsComplaint { get; init; }
    public bool WantsFollowUp { get; init; }
    public bool ShareComment { get; init; }
    /// <summary>web, api or sms.</summary>
    public string Channel { get; init; } = "api";
    /// <summary>
    /// Set for an answer to an event survey (/e/{token}; docs/events.md): stored in event_responses,
    /// counted for the event only. TokenId is then "event:&lt;eventId&gt;:&lt;browserId&gt;", unique per answer.
    /// </summary>
    public string? EventId { get; init; }
    /// <summary>The random id in the answering browser's cookie: one answer per browser and event.</summary>
    public string? BrowserId { get; init; }
    /// <summary>The page's language (event answers only; a survey response has its contact's).</summary>
    public string? Language { get; init; }
}
