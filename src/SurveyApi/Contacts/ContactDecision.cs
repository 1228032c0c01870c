namespace Surveys.Api.Contacts;

public static class ContactStatus
{
    public const string Invited = "invited", Excluded = "excluded", OptedOut = "opted-out", Suppressed = "suppressed";
}

/// <summary>Whether a contact is surveyed. Order matters: the most protective reason wins.</summary>
public static class ContactDecision
{
    public static string Decide(string contactType, IReadOnlyList<string> excludedTypes, bool phoneOptedOut, bool phoneSurveyedRecently)
    {
        if (excludedTypes.Contains(contactType, StringComparer.OrdinalIgnoreCase)) return ContactStatus.Excluded;
        if (phoneOptedOut) return ContactStatus.OptedOut;
        if (phoneSurveyedRecently) return ContactStatus.Suppressed;
        return ContactStatus.Invited;
    }
}
