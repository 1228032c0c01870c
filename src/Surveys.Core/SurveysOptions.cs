namespace Surveys;

public enum SurveysMode { Embedded, Server }
public enum DatabaseKind { Sqlite, Postgres }

/// <summary>Everything under the "Surveys" configuration section (see docs/configuration.md).</summary>
public sealed class SurveysOptions
{
    public const string Section = "Surveys";

    public SurveysMode Mode { get; set; } = SurveysMode.Embedded;
    public DatabaseKind? Database { get; set; }
    public RabbitMqOptions RabbitMq { get; set; } = new();
    public string? PublicBaseUrl { get; set; }
    public string TimeZone { get; set; } = "America/New_York";
    public int TokenLifetimeDays { get; set; } = 14;
    public int MinResponses { get; set; } = 10;
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
    public KeyOptions Keys { get; set; } = new();
    // Null means "not configured": configuration binding appends to a pre-filled list, and the
    // contract says a configured list replaces the defaults.
    public List<string>? ExcludedContactTypes { get; set; }
    public int SuppressionDays { get; set; } = 30;
    public ResidentRateLimitOptions ResidentRateLimit { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();

    /// <summary>How long the API waits for the broker's confirm before answering 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(4);
    /// <summary>Embedded mode: where the SQLite file and the generated keys live.</summary>
    public string DataDirectory { get; set; } = "data";
    public string AgencyName { get; set; } = "Police Department";
    public WorkerOptions Worker { get; set; } = new();
    public FollowUpOptions FollowUp { get; set; } = new();
    /// <summary>Languages offered to residents (BCP 47); null = en, es. Only those with shipped texts are offered.</summary>
    public List<string>? Languages { get; set; }
    public TextsOptions Texts { get; set; } = new();
    /// <summary>The public transparency pages under /public (docs/public.md).</summary>
    public PublicOptions Public { get; set; } = new();

    public static readonly IReadOnlyList<string> DefaultExcludedContactTypes =
        ["domestic-violence", "sexual-assault", "juvenile", "death-notification", "mental-health-crisis"];

    public DatabaseKind DatabaseKind => Database ?? (Mode == SurveysMode.Server ? DatabaseKind.Postgres : DatabaseKind.Sqlite);
    // Trimmed and lower-cased: a configured " Domestic-Violence" must still exclude domestic-violence.
    public IReadOnlyList<string> ExcludedTypes => ExcludedContactTypes is { Count: > 0 } l ? [.. l.Select(t => t.Trim().ToLowerInvariant())] : DefaultExcludedContactTypes;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

public sealed class PublicOptions
{
    public bool Enabled { get; set; } = true;
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
    /// <summary>Cluster members as "host:port"; when set, the client fails over between them.</summary>
    public List<string> ClusterNodes { get; set; } = [];
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

public sealed class KeyOptions
{
    public string? TokenMac { get; set; }
    public string? PhoneEncryption { get; set; }
    public string? PhoneHash { get; set; }
    /// <summary>Rotation: tokens MACed with this older key are still accepted until they expire.</summary>
    public string? PreviousTokenMac { get; set; }
    /// <summary>Rotation: numbers encrypted with this older key can still be decrypted (and re-encrypted).</summary>
    public string? PreviousPhoneEncryption { get; set; }
}

public sealed class ResidentRateLimitOptions
{
    public int PermitsPerMinute { get; set; } = 60;
}

public sealed class SmsOptions
{
    /// <summary>Outbox (recorded in the database, nothing leaves) or Twilio.</summary>
    public string Provider { get; set; } = "Outbox";
    public TwilioOptions Twilio { get; set; } = new();
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(2);
    public QuietHoursOptions QuietHours { get; set; } = new();
    public TimeSpan MaxContactAge { get; set; } = TimeSpan.FromDays(3);
    public bool ReplySurvey { get; set; }
    /// <summary>Invitations per minute across all workers (the provider's sending rate).</summary>
    public int MaxPerMinute { get; set; } = 60;
    /// <summary>Sends per contact before giving up; the wait doubles from RetryBackoff each time.</summary>
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The encrypted phone is erased this many days after the survey closes (its link expires).</summary>
    public int RetentionDays { get; set; } = 30;
    /// <summary>What HELP answers with, e.g. "call 860-555-0100 (non-emergency)".</summary>
    public string? ContactLine { get; set; }
    /// <summary>A reply-by-text survey left unanswered this long is submitted with what it has.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    public int BatchSize { get; set; } = 20;
    /// <summary>A send claimed longer ago than this is presumed interrupted (and never retried).</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class QuietHoursOptions
{
    /// <summary>Local times (Surveys:TimeZone); nothing is sent from Start until End. Equal: no quiet hours.</summary>
    public TimeOnly Start { get; set; } = new(20, 0);
    public TimeOnly End { get; set; } = new(8, 0);
}

public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    /// <summary>The sending number (E.164); or leave empty and set MessagingServiceSid.</summary>
    public string? From { get; set; }
    public string? MessagingServiceSid { get; set; }
    public string BaseUrl { get; set; } = "https://api.twilio.com";
}

public sealed class WorkerOptions
{
    /// <summary>Responses stored per database transaction.</summary>
    public int BatchSize { get; set; } = 100;
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);
    public int ConcurrentBatches { get; set; } = 2;
}

public sealed class TextsOptions
{
    /// <summary>Folder of the agency's override files, one &lt;lang&gt;.json each (docs/languages.md).</summary>
    public string? Directory { get; set; }
}
