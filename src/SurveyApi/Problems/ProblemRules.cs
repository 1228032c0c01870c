using System.Globalization;
using System.Security.Claims;
using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Rules;

namespace Surveys.Api.ProblemSolving;

/// <summary>
/// The SARA stage machine and who may do what (docs/problems.md): forward one stage at a time, or
/// back one with a note; lieutenants work their own neighborhood's problems, chiefs and admins all.
/// </summary>
public static class ProblemRules
{
    public const string Scanning = "scanning", Analysis = "analysis", Response = "response", Assessment = "assessment", Closed = "closed";
    public static readonly string[] Stages = [Scanning, Analysis, Response, Assessment, Closed];
    public static readonly string[] ActionEnds = ["done", "dropped"];
    public const int MaxTitle = 200;

    public static bool CanWork(ClaimsPrincipal user, string neighborhood) => Roles.SeesNeighborhood(user, neighborhood);

    /// <summary>Setting or approving the public title, and citing flags: chiefs and admins only.</summary>
    public static bool IsCommand(ClaimsPrincipal user) => Roles.SeesAllNeighborhoods(user);

    /// <summary>Null: the move is allowed; else why not (the 409's detail).</summary>
    public static string? MoveProblem(string from, string to, string? note)
    {
        var (f, t) = (Array.IndexOf(Stages, from), Array.IndexOf(Stages, to));
        if (t == f + 1) return null;
        if (t == f - 1) return string.IsNullOrWhiteSpace(note) ? $"Moving back from '{from}' to '{to}' needs a note saying why." : null;
        return $"A problem in '{from}' cannot move to '{to}': forward one stage at a time ({string.Join(" → ", Stages)}), or back one with a note.";
    }

    public static bool IsStarted(string stage) => stage is Response or Assessment or Closed;

    public static string? TitleProblem(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? $"{field} is required."
        : text.Trim().Length > MaxTitle ? $"{field} must be at most {MaxTitle} characters."
        : Validation.TextProblem(text) is { } problem ? $"{field} {problem}." : null;

    /// <summary>The action body's rules, shared by the API and the console form.</summary>
    public static FieldErrors ActionErrors(string? text, string? owner, string? dueOn)
    {
        var errors = new FieldErrors();
        if (FlagActions.TextProblem(text, "text") is { } t) errors.Add("text", t);
        if (TitleProblem(owner, "owner") is { } o) errors.Add("owner", o);
        if (!TryDate(dueOn, out _)) errors.Add("dueOn", "must be a date in the form yyyy-MM-dd, e.g. 2026-12-20.");
        return errors;
    }

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Today on the agency's wall clock (the response's start date, as follow-ups count days).</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
