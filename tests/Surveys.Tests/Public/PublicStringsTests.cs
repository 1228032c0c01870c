using System.Xml.Linq;
using Surveys.Api.Public;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Public;

/// <summary>Every public-page language file has exactly the English keys, and every shipped language has a file.</summary>
public sealed class PublicStringsTests
{
    static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Path.Combine(Repo.Root, "src/SurveyApi/Public", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [Fact]
    public void Each_language_file_has_the_english_keys_no_more_no_fewer()
    {
        var english = Keys("PublicStrings.resx");
        foreach (var lang in PublicText.Shipped.Where(l => l != "en"))
        {
            var other = Keys($"PublicStrings.{lang}.resx");
            Assert.True(english.SetEquals(other), $"{lang}: missing {string.Join(", ", english.Except(other))}; extra {string.Join(", ", other.Except(english))}");
        }
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("es", "es")]
    [InlineData("ES", "es")]
    [InlineData("fr", "en")] // not offered: the first configured language
    public void Lang_is_one_of_the_offered_languages(string? requested, string expected) =>
        Assert.Equal(expected, PublicText.Resolve(requested, null).Lang);

    [Fact]
    public void A_configured_language_without_public_texts_is_not_offered() =>
        Assert.Equal(["es", "en"], PublicText.Resolve(null, ["es", "vi", "en"]).Offered);
}
