using System.Text.RegularExpressions;

namespace Surveys.Rules;

/// <summary>Field errors keyed by the JSON field name, as RFC 9457 validation problems carry them.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}

public static partial class Validation
{
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")] public static partial Regex E164();
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")] public static partial Regex KebabCode();
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")] public static partial Regex Code();
    [GeneratedRegex(@"^[a-z]{2}(-[A-Z]{2})?$")] public static partial Regex Language();

    /// <summary>
    /// Text a person typed: no NUL or other control characters (newline and tab allowed), no lone
    /// surrogates (invalid UTF-16 that would not survive a round-trip to UTF-8).
    /// </summary>
    public static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return "must not contain NUL characters";
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return "must not contain control characters";
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i]))) return "is not valid text";
            if (char.IsLowSurrogate(c)) return "is not valid text";
        }
        return null;
    }

    /// <summary>The contract's rules for answers: known keys only, 1–5, overall required.</summary>
    public static void CheckAnswers(IReadOnlyDictionary<string, int> answers, FieldErrors errors)
    {
        foreach (var (key, value) in answers)
        {
            if (!Instrument.IsItem(key)) errors.Add($"answers.{key}", $"'{key}' is not a survey item; expected one of {string.Join(", ", Instrument.Items)}.");
            else if (value is < 1 or > 5) errors.Add($"answers.{key}", "must be a whole number from 1 to 5.");
        }
        if (!answers.ContainsKey(Instrument.Overall)) errors.Add("answers.overall", "is required.");
    }

    public static void CheckComment(string? comment, FieldErrors errors)
    {
        if (comment is null) return;
        if (comment.Length > Instrument.MaxCommentLength) errors.Add("comment", $"must be at most {Instrument.MaxCommentLength} characters (it has {comment.Length}).");
        else if (TextProblem(comment) is { } problem) errors.Add("comment", problem);
    }
}
