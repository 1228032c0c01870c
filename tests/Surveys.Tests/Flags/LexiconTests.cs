using Surveys.Contracts;
using Surveys.Processing.Flags;

namespace Surveys.Tests.Flags;

public sealed class LexiconTests
{
    [Fact]
    public void English_and_Spanish_lexicons_are_embedded_and_versioned()
    {
        var set = LexiconSet.Load(null);
        Assert.Equal(["en", "es"], set.Lexicons.Select(l => l.Language));
        Assert.All(set.Lexicons, l => Assert.False(string.IsNullOrWhiteSpace(l.Version)));
        Assert.All(set.Lexicons, l => Assert.Contains("force", l.Categories));
    }

    [Fact]
    public void Agency_file_replaces_its_language_and_adds_new_ones_and_the_flag_names_its_version()
    {
        var folder = Directory.CreateTempSubdirectory("lexicons-").FullName;
        File.WriteAllText(Path.Combine(folder, "en.json"), """{ "language": "en", "version": "agency-7", "allegations": { "force": ["zapped me"] } }""");
        File.WriteAllText(Path.Combine(folder, "fr.json"), """{ "language": "fr", "version": "1", "allegations": { "force": ["m'a frappé", "frapp*"] } }""");
        var set = LexiconSet.Load(folder);

        Assert.Equal(["en", "es", "fr"], set.Lexicons.Select(l => l.Language));
        var zapped = FlagRules.Evaluate(Response("He zapped me twice."), set).Ia.Single();
        Assert.Equal("allegation@1 en:agency-7", zapped.Rule);
        Assert.Empty(FlagRules.Evaluate(Response("He punched me."), set).Ia); // the agency's list replaced ours
        Assert.Equal("allegation@1 fr:1", FlagRules.Evaluate(Response("Le policier m'a frappé."), set).Ia.Single().Rule);
    }

    [Fact]
    public void Broken_or_missing_override_fails_loudly_naming_the_file()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("lexicons-").FullName, "en.json");
        File.WriteAllText(file, """{ "language": "en", "allegations": {} }""");
        Assert.Contains(file, Assert.Throws<InvalidDataException>(() => LexiconSet.Load(file)).Message);
        Assert.Throws<FileNotFoundException>(() => LexiconSet.Load("/nonexistent/lexicons"));
    }

    [Theory]
    [InlineData("Él me GOLPEÓ", "el me golpeo")]
    [InlineData("didn't — won’t", "didnt wont")]
    [InlineData("  n-word!!  ", "n word")]
    public void Comments_are_normalized_to_plain_lower_case_words(string text, string expected) =>
        Assert.Equal(expected, Lexicon.Normalize(text));

    static SurveyResponseSubmitted Response(string comment) => new()
    {
        ReceiptId = Guid.NewGuid(), TokenId = "t", SubmittedAt = DateTimeOffset.UtcNow, Comment = comment, Answers = new() { ["overall"] = 3 },
    };
}
