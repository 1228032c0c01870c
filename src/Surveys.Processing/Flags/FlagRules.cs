using Surveys.Contracts;
using Surveys.Rules;

namespace Surveys.Processing.Flags;

/// <summary>
/// What a stored response raises. Each rule carries a version that is stored with the flag, so a
/// flag always says which rule (and which lexicon) raised it; change a rule, bump its version.
/// </summary>
public static class FlagRules
{
    /// <summary>FollowUp: reason of the lieutenant flags raised before follow-up requests (kept for those stored rows).</summary>
    public const string Complaint = "complaint", Allegation = "allegation", LowRating = "low-rating", FollowUp = "follow-up",
        Commendation = "commendation";

    /// <summary>FollowUp: reason of the lieutenant flags raised before follow-up requests (kept for those stored rows).</summary>
    public const string ComplaintRule = "complaint@1", AllegationRule = "allegation@1", LowRatingRule = "low-rating@1",
        FollowUpRule = "follow-up@1", CommendationRule = "commendation@1";

    public const int LowRatingAtMost = 2, HighRatingAtLeast = 4;

    public sealed record Reason(string Name, string Rule, string? Detail);

    /// <summary>Reasons for the internal-affairs queue, for the neighborhood lieutenant, and a commendation (or not).</summary>
    public sealed record Decision(IReadOnlyList<Reason> Ia, IReadOnlyList<Reason> Lieutenant, Reason? Commendation);

    public static Decision Evaluate(SurveyResponseSubmitted response, LexiconSet lexicons)
    {
        var words = Lexicon.Words(response.Comment);
        var ia = new List<Reason>();
        if (response.WantsComplaint) ia.Add(new(Complaint, ComplaintRule, null));
        var categories = lexicons.Lexicons.SelectMany(l => l.Allegations(words).Select(c => (l, c))).ToList();
        if (categories.Count > 0)
        {
            var versions = string.Join(' ', categories.Select(x => x.l).Distinct().Select(l => $"{l.Language}:{l.Version}"));
            ia.Add(new(Allegation, $"{AllegationRule} {versions}", string.Join(", ", categories.Select(x => x.c).Distinct())));
        }

        // An IA matter is IA's alone: the lieutenant is in the officer's chain of command, and the
        // resident's safety may depend on the allegation not travelling there (IA can refer it).
        var lieutenant = new List<Reason>();
        var overall = response.Answers.GetValueOrDefault(Instrument.Overall);
        if (ia.Count == 0 && overall is > 0 and <= LowRatingAtMost) lieutenant.Add(new(LowRating, LowRatingRule, $"overall {overall}"));
        // A wish to be contacted is no longer a flag: it opens a follow-up request (FollowUps/FollowUpOpener).

        return new Decision(ia, lieutenant, ia.Count == 0 ? Commend(response, words, lexicons) : null);
    }

    // Strong praise: every answered item 4 or 5, and two praise phrases or one strong one.
    static Reason? Commend(SurveyResponseSubmitted response, string[] words, LexiconSet lexicons)
    {
        if (words.Length == 0 || response.Answers.Count == 0 || response.Answers.Values.Any(v => v < HighRatingAtLeast)) return null;
        foreach (var lexicon in lexicons.Lexicons)
        {
            var (praise, strong) = lexicon.Praise(words);
            if (praise >= 2 || strong >= 1)
                return new(Commendation, $"{CommendationRule} {lexicon.Language}:{lexicon.Version}", null);
        }
        return null;
    }
}
