namespace Surveys.Api.Hosting;

public enum Saved { Created, Updated, Conflict }

/// <summary>
/// Neighborhood codes and badges are unique ignoring case (migration 0008): "n1" beside "N1" would
/// split one neighborhood's figures and a lieutenant's access between two spellings.
/// </summary>
public static class CaseConflicts
{
    public static IResult Problem(string field, string given, string existing) => Problems.Status(StatusCodes.Status409Conflict, "Code already taken",
        $"{field} '{given}' differs only in case from the existing '{existing}'; codes are unique ignoring case: use '{existing}'.");

    public static string Message(string given, string existing) => $"'{given}' differs only in case from the existing '{existing}'";
}
