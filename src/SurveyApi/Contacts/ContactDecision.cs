namespace Surveys.Api.Contacts;

public static class ContactStatus
{
    public const string Invited = "invited", Excluded = "excluded", OptedOut = "opted-out", Suppressed = "suppressed";
    /// <summary>Recorded after its month stopped taking invitations (Finality): never surveyed, never counted.</summary>
    public const string Late = "late";
}

/// <summary>Whether a contact is surveyed. Order matters: the most protective reason wins.</summary>
public static class ContactDecision
{
    public static string Decide(string contactType, IReadOnlyList<string> excludedTypes, bool phoneOptedOut, bool phoneSurveyedRecently,
        bool monthClosed = false)
    {
        if (excludedTypes.Contains(contactType, StringComparer.OrdinalIgnoreCase)) return ContactStatus.Excluded;
        if (phoneOptedOut) return ContactStatus.OptedOut;
        if (phoneSurveyedRecently) return ContactStatus.Suppressed;
        if (monthClosed) return ContactStatus.Late;
        return ContactStatus.Invited;
    }
}
