using Surveys.Contracts;
using Surveys.Processing.Flags;

namespace Surveys.Tests.Flags;

/// <summary>The flag rules on sample comments, in English and Spanish, including ones that must not flag.</summary>
public sealed class FlagRuleCorpusTests
{
    static readonly LexiconSet Lexicons = LexiconSet.Load(null);

    public static TheoryData<string, string> Allegations => new()
    {
        { "The officer slammed me against the car and punched me in the face.", "force" },
        { "They tased my son even though he was already on the ground.", "force" },
        { "HE PUNCHED ME", "force" },
        { "He pushed me and said I’d regret it.", "force" },
        { "The officer didn't just yell, he choked me.", "force" },
        { "He threatened to arrest me if I kept recording.", "threat" },
        { "The officer called me a wetback and told me to go back to your country.", "slur-discrimination" },
        { "I was racially profiled; they stopped me only because I'm Black.", "slur-discrimination" },
        { "After the search $200 was missing from my wallet.", "theft" },
        { "The officer groped me during the pat-down.", "sexual-misconduct" },
        { "He asked for my number and texted me after the stop.", "sexual-misconduct" },
        { "They kept harassing me and followed me home afterwards.", "intimidation" },
        { "The cop asked for money to make the ticket go away.", "bribery" },
        { "El oficial me golpeó en la cara sin razón.", "force" },
        { "ME EMPUJARON AL SUELO", "force" },
        { "Me amenazaron con arrestarme si no me callaba.", "threat" },
        { "Me trataron así por ser mexicano, fueron muy racistas.", "slur-discrimination" },
        { "El policía se quedó con mi dinero y no me devolvió la cartera.", "theft" },
        { "El agente me tocó inapropiadamente durante el cateo.", "sexual-misconduct" },
        { "Me gritó y me humilló delante de mis hijos.", "intimidation" },
        { "Me pidió dinero para no ponerme la multa.", "bribery" },
    };

    public static TheoryData<string> Harmless => new()
    {
        "The officer helped me after I was hit by a car.",
        "Someone stole my bike and the officer took the report quickly.",
        "The officer never threatened me and was very calm.",
        "My neighbor threatened me, and the officer came right away.",
        "I reported a theft and they followed up the next day.",
        "The officer stayed with me until the man who attacked me was gone.",
        "The officer did not hit me, he was fine.",
        "Took a long time to arrive but was helpful.",
        "She explained the ticket clearly and was polite.",
        "El oficial me ayudó después de que fui atropellado por un carro.",
        "Me golpeó un carro y el oficial llamó a la ambulancia.",
        "Alguien me robó la bicicleta y el oficial fue muy amable.",
        "Nunca me amenazó, fue muy respetuoso.",
        "Me tocó esperar una hora pero fueron amables.",
        "Gracias por su ayuda, muy amable.",
    };

    [Theory, MemberData(nameof(Allegations))]
    public void Comment_alleging_misconduct_goes_to_internal_affairs(string comment, string category)
    {
        var decision = FlagRules.Evaluate(Response(comment, overall: 3), Lexicons);
        var allegation = Assert.Single(decision.Ia);
        Assert.Equal(FlagRules.Allegation, allegation.Name);
        Assert.Contains(category, allegation.Detail!.Split(", "));
        Assert.StartsWith("allegation@1 ", allegation.Rule);
        Assert.Empty(decision.Lieutenant);
        Assert.Null(decision.Commendation);
    }

    [Theory, MemberData(nameof(Harmless))]
    public void Harmless_comment_raises_no_allegation(string comment)
    {
        var decision = FlagRules.Evaluate(Response(comment, overall: 3), Lexicons);
        Assert.True(decision.Ia.Count == 0, $"flagged as {decision.Ia.FirstOrDefault()?.Detail}");
    }

    [Fact]
    public void Complaint_box_flags_for_internal_affairs_even_without_a_comment()
    {
        var decision = FlagRules.Evaluate(Response(null, overall: 1, complaint: true, followUp: true), Lexicons);
        Assert.Equal([FlagRules.Complaint], decision.Ia.Select(r => r.Name));
        Assert.Equal(FlagRules.ComplaintRule, decision.Ia[0].Rule);
        // The matter is IA's: it does not also travel to the lieutenant.
        Assert.Empty(decision.Lieutenant);
    }

    [Theory]
    [InlineData(1, false, new[] { "low-rating" })]
    [InlineData(2, true, new[] { "low-rating" })]
    [InlineData(3, true, new string[0])]
    [InlineData(3, false, new string[0])]
    public void Low_rating_goes_to_the_lieutenant_not_to_IA_and_a_follow_up_wish_is_no_flag(int overall, bool followUp, string[] expected)
    {
        var decision = FlagRules.Evaluate(Response("It was slow.", overall, followUp: followUp), Lexicons);
        Assert.Empty(decision.Ia);
        Assert.Equal(expected, decision.Lieutenant.Select(r => r.Name));
    }

    [Theory]
    [InlineData("Officer Diaz went above and beyond, thank you so much!", 5, 5, true)]
    [InlineData("Very professional and kind, thank you.", 4, 5, true)]
    [InlineData("Gracias por su ayuda, muy amable.", 5, 4, true)]
    [InlineData("Thanks.", 5, 5, false)]
    [InlineData("Very professional and kind, thank you.", 5, 3, false)]
    [InlineData("Kind and professional, but he shoved my brother. Thank you anyway.", 5, 5, false)]
    public void Strong_praise_with_high_ratings_is_a_commendation(string comment, int overall, int respect, bool commended)
    {
        var decision = FlagRules.Evaluate(Response(comment, overall, respect: respect), Lexicons);
        Assert.Equal(commended, decision.Commendation is not null);
        if (commended) Assert.StartsWith("commendation@1 ", decision.Commendation!.Rule);
    }

    static SurveyResponseSubmitted Response(string? comment, int overall, bool complaint = false, bool followUp = false, int? respect = null) => new()
    {
        ReceiptId = Guid.NewGuid(), TokenId = "t", SubmittedAt = DateTimeOffset.UtcNow, Comment = comment,
        Answers = respect is { } r ? new() { ["overall"] = overall, ["respect"] = r } : new() { ["overall"] = overall },
        WantsComplaint = complaint, WantsFollowUp = followUp,
    };
}
