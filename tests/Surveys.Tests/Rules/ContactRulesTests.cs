using Surveys.Api.Contacts;
using Surveys.Rules;

namespace Surveys.Tests.Rules;

public sealed class ContactRulesTests
{
    static readonly IReadOnlyList<string> Excluded = SurveysOptions.DefaultExcludedContactTypes;

    [Theory]
    [InlineData("traffic-stop", false, false, "invited")]
    [InlineData("domestic-violence", false, false, "excluded")]
    [InlineData("Juvenile", false, false, "excluded")]
    [InlineData("domestic-violence", true, true, "excluded")]
    [InlineData("call-for-service", true, true, "opted-out")]
    [InlineData("call-for-service", false, true, "suppressed")]
    public void The_most_protective_reason_wins(string type, bool optedOut, bool recent, string expected) =>
        Assert.Equal(expected, ContactDecision.Decide(type, Excluded, optedOut, recent));

    [Fact]
    public void A_configured_list_replaces_the_defaults()
    {
        var options = new SurveysOptions { ExcludedContactTypes = ["welfare-check"] };
        Assert.Equal(["welfare-check"], options.ExcludedTypes);
        Assert.Equal(Excluded, new SurveysOptions().ExcludedTypes);
    }

    [Theory]
    [InlineData("fine text\nwith a newline", null)]
    [InlineData("nul\0inside", "must not contain NUL characters")]
    [InlineData("bell\u0007", "must not contain control characters")]
    [InlineData("emoji 👍 ok", null)]
    public void Typed_text_is_checked_for_characters_that_cannot_be_stored(string text, string? problem) =>
        Assert.Equal(problem, Validation.TextProblem(text));

    [Fact]
    public void Lone_surrogates_are_not_valid_text()
    {
        Assert.Equal("is not valid text", Validation.TextProblem("lone " + (char)0xD800 + " high"));
        Assert.Equal("is not valid text", Validation.TextProblem("lone " + (char)0xDC00 + " low"));
    }

    [Fact]
    public void Answers_need_overall_known_keys_and_1_to_5()
    {
        var errors = new FieldErrors();
        Validation.CheckAnswers(new Dictionary<string, int> { ["respect"] = 6, ["mood"] = 3 }, errors);
        Assert.Equal(["answers.respect", "answers.mood", "answers.overall"], errors.Keys);
    }

    [Fact]
    public void Months_bucket_in_the_agency_time_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal("2026-10", Months.Of(new DateTimeOffset(2026, 11, 1, 3, 30, 0, TimeSpan.Zero), zone)); // 23:30 on 31 Oct locally
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), Months.End("2026-10", zone));
    }
}
