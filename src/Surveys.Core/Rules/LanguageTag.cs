using System.Text.RegularExpressions;

namespace Surveys.Rules;

/// <summary>
/// BCP 47 (RFC 5646) well-formedness, so <c>zh-Hans</c> and <c>es-419</c> are taken and <c>english</c>
/// or <c>es\n</c> are not. Whether a language is offered is the pages' business: a well-formed tag
/// they have no texts for gets English.
/// </summary>
public static partial class LanguageTag
{
    public const int MaxLength = 35;

    // langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse].
    // The primary subtag is the ISO 639 2–3 letters (no 5–8 letter subtag was ever registered).
    // Letters are spelled out rather than matched with IgnoreCase, which would admit U+212A (Kelvin).
    [GeneratedRegex("""
        \A[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}
        (-[A-Za-z]{4})?
        (-([A-Za-z]{2}|[0-9]{3}))?
        (-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*
        (-[0-9A-WYZa-wyz](-[A-Za-z0-9]{2,8})+)*
        (-[Xx](-[A-Za-z0-9]{1,8})+)?\z
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Grammar();

    /// <summary>True for a well-formed tag; <paramref name="canonical"/> in the registry's case (zh-Hans, es-419, pt-BR).</summary>
    public static bool TryNormalize(string? text, out string canonical)
    {
        canonical = "";
        if (text is null || text.Length > MaxLength || !Grammar().IsMatch(text)) return false;
        var parts = text.Split('-');
        var afterSingleton = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            afterSingleton |= i > 0 && p.Length == 1;
            parts[i] = i == 0 || afterSingleton ? p.ToLowerInvariant()
                : p.Length == 4 && char.IsAsciiLetter(p[0]) ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()
                : p.Length == 2 ? p.ToUpperInvariant()
                : p.ToLowerInvariant();
        }
        canonical = string.Join('-', parts);
        return true;
    }
}
