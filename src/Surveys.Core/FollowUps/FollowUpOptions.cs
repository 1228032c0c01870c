namespace Surveys;

/// <summary>Surveys:FollowUp (api-contract.md, "Configuration (added)").</summary>
public sealed class FollowUpOptions
{
    /// <summary>Time allowed to reach a resident who asked for follow-up, on the agency's wall clock.</summary>
    public TimeSpan Due { get; set; } = TimeSpan.FromDays(3);
    /// <summary>Text the resident when the request opens, and when it is closed as resolved or referred.</summary>
    public bool NotifyResident { get; set; } = true;
    /// <summary>The console's "due soon": still open and due within this long.</summary>
    public TimeSpan DueSoon { get; set; } = TimeSpan.FromHours(24);
}
