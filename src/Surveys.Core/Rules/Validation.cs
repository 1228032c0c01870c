using System.Globalization;
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
    // \z, never $: in .NET "$" also matches before a final "\n", so "domestic-violence\n" would pass
    // as a well-formed code and then fail every comparison with the real one (exclusions, opt-outs).
    [GeneratedRegex(@"\A\+[1-9][0-9]{6,14}\z")] public static partial Regex E164();
    [GeneratedRegex(@"\A[a-z0-9]+(-[a-z0-9]+)*\z")] public static partial Regex KebabCode();
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,31}\z")] public static partial Regex Code();

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

    /// <summary>
    /// A one-line label staff read (a name, a unit, an id): free text minus line breaks, tabs, line
    /// and paragraph separators and bidi controls, which could make it read as something else.
    /// </summary>
    public static string? LineProblem(string text)
    {
        if (TextProblem(text) is { } problem) return problem;
        foreach (var c in text)
        {
            if (char.IsControl(c)) return "must be one line, without control characters";
            if (char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return "must be one line, without line separators";
            if (IsBidiControl(c)) return "must not contain bidirectional-override characters";
        }
        return null;
    }

    /// <summary>Embeddings, overrides, isolates and marks: the characters that reorder text on screen.</summary>
    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Text as staff should see it: each bidi control replaced by a visible [U+202E] marker, so a
    /// resident's override cannot make a comment (or "gnp.exe") read as something it is not.
    /// The stored text is unchanged; only its display is.
    /// </summary>
    public static string ShowBidiControls(string text)
    {
        if (!text.Any(IsBidiControl)) return text;
        var b = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text) b.Append(IsBidiControl(c) ? $"[U+{(int)c:X4}]" : c);
        return b.ToString();
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
