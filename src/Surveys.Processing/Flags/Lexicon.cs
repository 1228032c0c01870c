using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Surveys.Processing.Flags;

/// <summary>
/// One language's allegation categories and praise phrases (Lexicons/*.json, reviewed by the
/// agency). Phrases match whole words of the normalized comment; a trailing * matches any ending.
/// </summary>
public sealed class Lexicon
{
    sealed record File(string? Language, string? Version, List<string>? Negators, List<string>? Ignore,
        Dictionary<string, List<string>>? Allegations, List<string>? Praise, List<string>? StrongPraise);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    Lexicon(string language, string version, HashSet<string> negators, Phrases ignore,
        IReadOnlyDictionary<string, Phrases> allegations, Phrases praise, Phrases strongPraise)
    {
        Language = language; Version = version; _negators = negators; _ignore = ignore;
        _allegations = allegations; _praise = praise; _strongPraise = strongPraise;
    }

    readonly HashSet<string> _negators;
    readonly Phrases _ignore, _praise, _strongPraise;
    readonly IReadOnlyDictionary<string, Phrases> _allegations;

    public string Language { get; }
    public string Version { get; }
    public IEnumerable<string> Categories => _allegations.Keys;

    public static Lexicon Parse(string json, string source)
    {
        var f = JsonSerializer.Deserialize<File>(json, Json) ?? throw new InvalidDataException($"{source}: empty lexicon");
        if (string.IsNullOrWhiteSpace(f.Language) || string.IsNullOrWhiteSpace(f.Version))
            throw new InvalidDataException($"{source}: 'language' and 'version' are required");
        if (f.Allegations is not { Count: > 0 }) throw new InvalidDataException($"{source}: 'allegations' must name at least one category");
        return new Lexicon(f.Language.Trim(), f.Version.Trim(), (f.Negators ?? []).Select(Normalize).ToHashSet(), new Phrases(f.Ignore),
            f.Allegations.ToDictionary(c => c.Key, c => new Phrases(c.Value)), new Phrases(f.Praise), new Phrases(f.StrongPraise));
    }

    /// <summary>Allegation categories the comment matches, in the file's order.</summary>
    public List<string> Allegations(string[] words)
    {
        var masked = Mask(words);
        return _allegations.Where(c => c.Value.Matches(masked).Any(m => !Negated(masked, m))).Select(c => c.Key).ToList();
    }

    /// <summary>How many praise and strong-praise phrases the comment holds (negated ones not counted).</summary>
    public (int Praise, int Strong) Praise(string[] words)
    {
        var masked = Mask(words);
        return (_praise.Matches(masked).Count(m => !Negated(masked, m)), _strongPraise.Matches(masked).Count(m => !Negated(masked, m)));
    }

    // "ignore" phrases (hit by a car) are blanked out so no allegation can match across them.
    string[] Mask(string[] words)
    {
        var masked = (string[])words.Clone();
        foreach (var start in _ignore.Matches(words))
            for (var i = start.Start; i < start.Start + start.Length; i++) masked[i] = "";
        return masked;
    }

    bool Negated(string[] words, (int Start, int Length) m) =>
        Enumerable.Range(Math.Max(0, m.Start - 2), Math.Min(2, m.Start)).Any(i => _negators.Contains(words[i]));

    /// <summary>Lower case, accents and apostrophes dropped, anything else that is not a letter or digit a space.</summary>
    public static string Normalize(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '\u2018' or '`') continue;
            b.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return string.Join(' ', b.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static string[] Words(string? text) => text is null ? [] : Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A list of phrases, each a sequence of words; a word ending in * is a prefix.</summary>
    sealed class Phrases
    {
        readonly List<string[]> _phrases;

        public Phrases(IEnumerable<string>? phrases) => _phrases = (phrases ?? []).Select(Compile).Where(p => p.Length > 0).ToList();

        // Normalized like the comment ("anti-semitic" becomes two words); a * stays on the last word.
        static string[] Compile(string phrase)
        {
            var words = new List<string>();
            foreach (var raw in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = Normalize(raw.TrimEnd('*')).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 0 && raw.EndsWith('*')) parts[^1] += "*";
                words.AddRange(parts);
            }
            return [.. words];
        }

        public IEnumerable<(int Start, int Length)> Matches(string[] words)
        {
            for (var start = 0; start < words.Length; start++)
                foreach (var phrase in _phrases)
                    if (At(words, start, phrase)) yield return (start, phrase.Length);
        }

        static bool At(string[] words, int start, string[] phrase)
        {
            if (start + phrase.Length > words.Length) return false;
            for (var i = 0; i < phrase.Length; i++)
            {
                var (word, p) = (words[start + i], phrase[i]);
                if (p.EndsWith('*') ? !word.StartsWith(p[..^1], StringComparison.Ordinal) : word != p) return false;
            }
            return true;
        }
    }
}
