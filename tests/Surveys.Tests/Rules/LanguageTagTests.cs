using Surveys.Rules;
using Surveys.Sms;

namespace Surveys.Tests.Rules;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("zh-hant-TW", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    [InlineData("sr-Latn-RS", "sr-Latn-RS")]
    [InlineData("de-ch-1996", "de-CH-1996")]
    [InlineData("en-a-bbb-x-priv", "en-a-bbb-x-priv")]
    [InlineData("yue", "yue")]
    public void Well_formed_tags_are_taken_in_canonical_case(string tag, string canonical)
    {
        Assert.True(LanguageTag.TryNormalize(tag, out var normalized));
        Assert.Equal(canonical, normalized);
    }

    [Theory]
    [InlineData("es\n")]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("en--US")]
    [InlineData("en-\u212Aa")] // KELVIN SIGN, which an IgnoreCase [a-z] would take for k
    [InlineData("")]
    public void Malformed_tags_are_refused(string tag) => Assert.False(LanguageTag.TryNormalize(tag, out _));

    [Theory]
    [InlineData("es-419", "es")]
    [InlineData("ES", "es")]
    [InlineData("est", "en")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "en")] // Traditional: no texts ship for it
    [InlineData("pt-BR", "pt")]
    [InlineData("fr", "en")]
    public void SMS_language_follows_the_primary_subtag(string tag, string sms) => Assert.Equal(sms, SmsText.Language(tag));
}
