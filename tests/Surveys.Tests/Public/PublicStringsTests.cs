using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Surveys.Api.Public;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Public;

/// <summary>Every public-page language file has exactly the English keys, and every shipped language has a file.</summary>
public sealed class PublicStringsTests
{
    static readonly string[] Added = ["pt", "vi", "zh-Hans", "ht", "ar", "ko", "ru", "pl"];

    static string FilePath(string file) => Path.Combine(Repo.Root, "src/SurveyApi/Public", file);
    static string FileOf(string lang) => lang == "en" ? "PublicStrings.resx" : $"PublicStrings.{lang}.resx";

    static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(FilePath(file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    static HashSet<string> Keys(string file) => [.. Texts(file).Keys];

    /// <summary>The {0}-style placeholders of a text, with any format part ({0:N1}), as a sorted set.</summary>
    static string Placeholders(string text) =>
        string.Join(" ", Regex.Matches(text, @"\{\d+(?:[,:][^}]*)?\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Every_language_file_in_the_folder_is_shipped_and_every_shipped_language_has_a_file()
    {
        var files = Directory.GetFiles(FilePath(""), "PublicStrings*.resx").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(PublicText.Shipped.Select(FileOf).Order(StringComparer.Ordinal), files);
        Assert.Subset(PublicText.Shipped.ToHashSet(), Added.ToHashSet());
    }

    [Fact]
    public void Each_language_file_has_the_same_placeholders_as_english_and_no_empty_text()
    {
        var english = Texts("PublicStrings.resx");
        foreach (var lang in PublicText.Shipped.Where(l => l != "en"))
            foreach (var (key, text) in Texts(FileOf(lang)))
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{lang}: {key} is empty");
                Assert.True(Placeholders(english[key]) == Placeholders(text), $"{lang}: {key} has '{Placeholders(text)}', English '{Placeholders(english[key])}'");
            }
    }

    [Theory]
    [MemberData(nameof(AddedLanguages))]
    public void Machine_drafted_files_say_so_at_the_top_and_are_not_english(string lang)
    {
        var xml = File.ReadAllText(FilePath(FileOf(lang)));
        Assert.Contains("<!-- MACHINE-DRAFTED: not reviewed by a native speaker; the agency should have it reviewed before use. -->", xml[..400]);
        var english = Texts("PublicStrings.resx");
        var same = Texts(FileOf(lang)).Where(t => t.Value == english[t.Key]).Select(t => t.Key).ToList();
        Assert.True(same.Count == 0, $"{lang}: still English: {string.Join(", ", same)}");
    }

    public static TheoryData<string> AddedLanguages() => [.. Added];

    [Fact]
    public void The_loaded_texts_are_each_files_own_not_a_fallback()
    {
        foreach (var lang in PublicText.Shipped)
            Assert.Equal(Texts(FileOf(lang)), PublicText.Texts(lang));
        Assert.Equal("Kreyòl ayisyen", new PublicText("ht", 10)["LanguageName"]);
        Assert.Equal("mwens pase 10", new PublicText("ht", 10).Count(3));
        Assert.Equal("jiyè 2026", new PublicText("ht", 10).Month("2026-07")); // not ICU's French "juillet"
        Assert.Equal("Kreyòl ayisyen", PublicText.LanguageName("ht"));
    }

    [Fact]
    public async Task Lang_ht_renders_haitian_creole_and_lang_ar_is_right_to_left()
    {
        var languages = new[] { "en", "es", "ht", "ar", "zh-Hans" };
        await using var app = SurveysApp.Embedded(languages.Select((l, i) => (l, i)).ToDictionary(x => $"Surveys:Languages:{x.i}", x => (string?)x.l));
        async Task<string> NotFound(string lang)
        {
            var response = await app.Client().GetAsync($"/public/neighborhoods/NOPE?lang={lang}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        var ht = await NotFound("ht");
        Assert.Contains("<html lang=\"ht\">", ht);
        Assert.Contains("<h1>Nou pa jwenn paj la</h1>", ht);
        Assert.DoesNotContain("Page not found", ht);
        Assert.Contains(">العربية</a>", ht); // the picker offers the others in their own names
        var ar = await NotFound("ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", ar);
        Assert.Contains("الصفحة غير موجودة", ar);
        Assert.Contains("href=\"/public?lang=ht\" lang=\"ht\" hreflang=\"ht\">Kreyòl ayisyen</a>", ar);
        Assert.Contains("找不到页面", await NotFound("zh-hans"));
        Assert.DoesNotContain("dir=", ht);

        // The whole city page too: words in Haitian Creole, its own month names; Arabic right to
        // left with the charts kept left to right (time runs left to right, the axis labels stay put).
        var city = await app.Client().GetStringAsync("/public?lang=ht");
        Assert.Contains("Dènye mwa: ", city);
        Assert.Contains("Rele rezidan yo tounen", city);
        Assert.Matches(@"(janvye|fevriye|mas|avril|me|jen|jiyè|out|septanm|oktòb|novanm|desanm) 20\d\d", city);
        Assert.DoesNotContain("Latest month", city);
        var arCity = await app.Client().GetStringAsync("/public?lang=ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arCity);
        Assert.Contains("direction=\"ltr\"", arCity);
        Assert.Contains("معاودة الاتصال بالسكان", arCity);
    }

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
        Assert.Equal(["es", "en"], PublicText.Resolve(null, ["es", "fr", "en"]).Offered);

    [Theory]
    [InlineData("ht", "ht")]
    [InlineData("zh-hans", "zh-Hans")]
    [InlineData("ar", "ar")]
    [InlineData("vi", "vi")]
    [InlineData("ko", "en")] // shipped but not configured
    public void A_shipped_language_is_offered_when_configured(string requested, string expected) =>
        Assert.Equal(expected, PublicText.Resolve(requested, ["en", "es", "pt", "vi", "zh-Hans", "ht", "ar", "ru", "pl"]).Lang);

    [Fact]
    public void Public_page_keys_are_their_own_so_an_agency_override_names_one_text()
    {
        var pub = Surveys.Api.Public.PublicText.Strings.Neutral.Keys;
        Assert.Empty(pub.Intersect(Surveys.Api.Resident.ResidentHtml.Strings.Neutral.Keys));
        Assert.Empty(pub.Intersect(Surveys.Sms.SmsText.Strings.Neutral.Keys));
    }
}
