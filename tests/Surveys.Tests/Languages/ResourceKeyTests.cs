using System.Text.RegularExpressions;
using Surveys.Api.Resident;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Tests.Languages;

/// <summary>
/// Every key of each neutral resource file (Strings.resx for the pages — events' keys included,
/// whatever they are — and SmsStrings.resx) exists in every shipped language, and no language has
/// a key the neutral file lacks; each text is non-empty and keeps the neutral text's placeholders.
/// </summary>
public sealed partial class ResourceKeyTests
{
    public static TheoryData<string, string> SourcesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var source in new[] { "pages", "sms" })
            foreach (var lang in TextCatalog.Shipped.Where(l => l != "en")) data.Add(source, lang);
        return data;
    }

    static TextSource Source(string name) => name == "pages" ? ResidentHtml.Strings : SmsText.Strings;

    static IReadOnlyDictionary<string, string> Entries(TextSource source, string lang)
    {
        var texts = source.For(lang);
        Assert.True(texts is not null, $"{source.BaseName}: no texts for '{lang}'");
        return texts;
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [Theory]
    [MemberData(nameof(SourcesAndLanguages))]
    public void Every_key_is_in_every_language_and_no_language_has_an_extra_one(string source, string lang)
    {
        var neutral = Entries(Source(source), "en");
        var translated = Entries(Source(source), lang);
        Assert.True(neutral.Count > 10, "the neutral file was read");
        var missing = neutral.Keys.Except(translated.Keys).Order().ToList();
        var extra = translated.Keys.Except(neutral.Keys).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{source} {lang}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
        foreach (var (key, text) in translated)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{source} {lang}: {key} is empty");
            Assert.Equal(Placeholder().Matches(neutral[key]).Select(m => m.Value).Order(), Placeholder().Matches(text).Select(m => m.Value).Order());
        }
    }

    [Fact]
    public void Page_and_SMS_keys_never_collide_so_one_override_file_can_hold_both()
    {
        var pages = Entries(ResidentHtml.Strings, "en").Keys;
        var sms = Entries(SmsText.Strings, "en").Keys;
        Assert.Empty(pages.Intersect(sms));
        Assert.All(sms, k => Assert.StartsWith("Sms_", k));
    }

    [Fact]
    public void Every_resource_file_says_it_is_machine_drafted_or_pending_review()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src"));
        var files = Directory.GetFiles(root, "*.resx", SearchOption.AllDirectories);
        Assert.True(files.Length >= 20, $"found {files.Length} resx files under {root}");
        foreach (var f in files.Where(f => Path.GetFileName(f).Split('.').Length == 3))
        {
            var text = File.ReadAllText(f);
            Assert.True(text.Contains("MACHINE-DRAFTED", StringComparison.Ordinal) || text.Contains("pending review", StringComparison.Ordinal), $"{f}: no review mark");
        }
    }
}
