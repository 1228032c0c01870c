namespace Surveys.Processing.Sms;

/// <summary>One outgoing text. <see cref="To"/> is the decrypted number: it exists only for the send.</summary>
public sealed record SmsMessage(string To, string Body, string? StatusCallback = null);

public enum SmsOutcome
{
    /// <summary>The provider accepted it (it has a message SID).</summary>
    Sent,
    /// <summary>Certainly not sent (unreachable, throttled, unavailable): safe to try again later.</summary>
    RetryLater,
    /// <summary>Refused for good (bad number, unsubscribed recipient, bad credentials).</summary>
    Failed,
    /// <summary>The request may have reached the provider (timeout, dropped response): never resent.</summary>
    Unknown,
}

/// <summary>What happened. <see cref="Error"/> names codes and statuses only, never a number or a body.</summary>
public sealed record SmsSendResult(SmsOutcome Outcome, string? Sid = null, string? Error = null, bool RecipientOptedOut = false);

public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct = default);
}
