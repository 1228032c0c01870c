using System.Text.RegularExpressions;

namespace Surveys.Reporting.Text;

/// <summary>
/// Removes what could identify a resident from a consented comment before it is printed: e-mail
/// addresses, phone numbers and street addresses. Deliberately greedy: a lost house number costs
/// nothing, a printed one can identify a resident. It is only the suggestion a reviewer starts
/// from (CommentReview): names and much else no pattern can catch, so nothing is quoted unapproved.
/// </summary>
public static partial class Redaction
{
    public const string Email = "[e-mail removed]", Phone = "[phone removed]", Address = "[address removed]";

    public static string Apply(string comment)
    {
        var text = EmailPattern().Replace(comment, Email);
        text = AddressPattern().Replace(text, Address);
        text = UnitPattern().Replace(text, Address);
        // Any run of 7+ digits, however punctuated (+1 (860) 555-0100, 860.555.0100, 5550100), also
        // with the letter O typed for zero (86O-555-O1OO): at least four real digits, so "OOO" stays.
        text = PhonePattern().Replace(text, m =>
            m.Value.Count(char.IsDigit) >= 4 && m.Value.Count(c => char.IsDigit(c) || c is 'O' or 'o') >= 7 ? Phone : m.Value);
        return text;
    }

    /// <summary>Redacts, then shortens at a word boundary so one comment cannot take over a page.</summary>
    public static string ForPrint(string comment, int maxLength)
    {
        var text = WhiteSpace().Replace(Apply(comment), " ").Trim();
        if (text.Length <= maxLength) return text;
        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd() + " […]";
    }

    // user@host.org, "jo (at) example (dot) org", and spelled out: "maria dot gonzalez at gmail dot
    // com" (a bare " at " needs a " dot " and a short top-level part after it, or every "at" would go).
    [GeneratedRegex(
        @"[\p{L}\p{N}._%+-]+\s*(@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(\s*(\.|\(dot\)|\[dot\])\s*[\p{L}\p{N}-]+)+" +
        @"|\b[\p{L}\p{N}_%+-]+((\s+dot\s+|\.)[\p{L}\p{N}_%+-]+)*\s+at\s+[\p{L}\p{N}-]+((\s+dot\s+|\.)[\p{L}\p{N}-]+)*(\s+dot\s+|\.)\p{L}{2,6}\b",
        RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();

    // Digits (or O for zero) and phone punctuation, not inside a word.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\+?\(?[\dOo][\dOo\s().\-]{5,}[\dOo](?![\p{L}\p{N}])")]
    private static partial Regex PhonePattern();

    // A house number, up to four words, and a street type: "1420 N. Elm Street", "12 Oak Ave",
    // "350 Martin Luther King Jr Blvd"; also the Spanish order "Calle Mayor 12".
    [GeneratedRegex(
        @"\b\d{1,6}[A-Za-z]?(\s*-\s*\d{1,6})?,?\s+([NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?" +
        @"((?!(the|a|an|on|in|at|to|of|for|and|or|my|our|your|his|her|their|this|that|was|were|is|minutes?|hours?|days?|weeks?|times?|mins?|hrs?)\b)[\p{L}\p{N}'.-]+\s+){0,4}?" +
        @"(Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Circle|Cir|Parkway|Pkwy|" +
        @"Highway|Hwy|Square|Sq|Trail|Trl|Alley|Aly|Plaza|Row|Crescent|Close|Loop|Path|Pike|Turnpike|Expressway)\b\.?" +
        @"|\b(Calle|Avenida|Av\.|Camino|Paseo|Carrera|Rua)\s+([\p{L}'.-]+\s+){1,4}\d{1,6}\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex AddressPattern();

    // Apartment and unit numbers that often follow (or stand in for) a street address.
    [GeneratedRegex(@"\b(Apartment|Apto|Apt|Unit|Suite|Ste|Departamento)\.?\s*#?\s*(\d[\p{L}\p{N}-]{0,5}|\p{L})\b|#\s?\d{1,5}[A-Za-z]?\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
