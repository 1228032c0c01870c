using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Surveys.Tests.Infrastructure;
using Surveys.Texts;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Languages;

/// <summary>An Embedded app offering all ten languages (the default offers en and es only).</summary>
public sealed class TenLanguagesApp : IAsyncLifetime
{
    public static Dictionary<string, string?> AllTen(Dictionary<string, string?>? more = null)
    {
        var settings = TextCatalog.Shipped.Select((l, i) => (l, i)).ToDictionary(x => $"Surveys:Languages:{x.i}", x => (string?)x.l);
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public SurveysApp App { get; } = SurveysApp.Embedded(AllTen());
    public async Task InitializeAsync() => await App.WaitReadyAsync();
    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A contact in <paramref name="language"/>; its survey token.</summary>
    public static async Task<string> TokenAsync(SurveysApp app, string? language)
    {
        var hood = await NeighborhoodAsync(app);
        var response = await Flags.FlagScenario.Api(app, Keys.Intake).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = Unique("LANG-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-3), neighborhood = hood, contactType = "call-for-service",
            officers = new[] { "1001" }, phone = $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}", language,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = (await response.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["surveyUrl"]!;
        return url[(url.LastIndexOf('/') + 1)..];
    }
}

public sealed partial class LanguagePageTests(TenLanguagesApp f) : IClassFixture<TenLanguagesApp>
{
    [GeneratedRegex("<html lang=\"([^\"]+)\"( dir=\"rtl\")?>")]
    private static partial Regex HtmlTag();

    static (string Lang, bool Rtl) Tag(string html) => HtmlTag().Match(html) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Success) : ("?", false);

    public static TheoryData<string> Languages() => [.. TextCatalog.Shipped];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_survey_renders_in_each_language_with_its_lang_and_dir_and_links_to_the_others(string lang)
    {
        var token = await TenLanguagesApp.TokenAsync(f.App, lang);
        var html = await Flags.FlagScenario.Api(f.App).GetStringAsync($"/s/{token}");
        Assert.Equal((lang, lang == "ar"), Tag(html));
        Assert.Contains(Surveys.Api.Resident.ResidentHtml.T("Title", lang), WebUtility.HtmlDecode(html));
        if (lang != "en") Assert.DoesNotContain("How did we do?", html);
        foreach (var other in TextCatalog.Shipped)
            Assert.Contains($"href=\"/s/{token}?lang={other}\" lang=\"{other}\" hreflang=\"{other}\"", html);
        Assert.Contains($"lang=\"{lang}\" hreflang=\"{lang}\" dir=\"{(lang == "ar" ? "rtl" : "ltr")}\" aria-current=\"page\"", html);
        Assert.DoesNotContain("class=\"notice\"", html);
        Assert.DoesNotContain("<script", html);
    }

    [Theory]
    [InlineData("pt-BR", "pt")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("es-419", "es")]
    [InlineData("AR-eg", "ar")]
    public async Task A_regional_tag_falls_back_to_its_language(string tag, string page)
    {
        var token = await TenLanguagesApp.TokenAsync(f.App, tag);
        Assert.Equal(page, Tag(await Flags.FlagScenario.Api(f.App).GetStringAsync($"/s/{token}")).Lang);
    }

    [Theory]
    [InlineData("fr", null)]
    [InlineData("zh-Hant-TW", null)] // Traditional Chinese: no texts ship
    [InlineData("en", "fr-CA")]
    public async Task A_well_formed_unsupported_language_gets_English_saying_so_with_links_to_the_others(string contact, string? query)
    {
        var token = await TenLanguagesApp.TokenAsync(f.App, contact);
        var html = await Flags.FlagScenario.Api(f.App).GetStringAsync($"/s/{token}{(query is null ? "" : "?lang=" + query)}");
        Assert.Equal(("en", false), Tag(html));
        Assert.Contains("class=\"notice\"", html);
        Assert.Contains("This page is not in your language yet.", html);
        foreach (var other in TextCatalog.Shipped) Assert.Contains($"?lang={other}\"", html);
    }

    [Fact]
    public async Task The_query_overrides_the_contacts_language_and_a_form_error_stays_in_it()
    {
        var token = await TenLanguagesApp.TokenAsync(f.App, "es");
        var client = Flags.FlagScenario.Api(f.App);
        Assert.Equal(("ar", true), Tag(await client.GetStringAsync($"/s/{token}?lang=ar")));
        var bad = await client.PostAsync($"/s/{token}?lang=vi", new FormUrlEncodedContent(new Dictionary<string, string> { ["respect"] = "4" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal("vi", Tag(html).Lang);
        Assert.Contains("Vui lòng trả lời câu hỏi đầu tiên.", html); // as UTF-8 text, not escapes
        var ok = await client.PostAsync($"/s/{token}?lang=ko", new FormUrlEncodedContent(new Dictionary<string, string> { ["overall"] = "5" }));
        Assert.Equal("/s/thanks?lang=ko", ok.Headers.Location!.OriginalString);
        var thanks = await client.GetStringAsync(ok.Headers.Location);
        Assert.Equal("ko", Tag(thanks).Lang);
        Assert.Contains("href=\"/s/thanks?lang=ru\"", thanks); // the picker is on the thank-you page too
        var answered = await client.GetAsync($"/s/{token}?lang=pl");
        Assert.Equal(HttpStatusCode.Conflict, answered.StatusCode);
        var again = await answered.Content.ReadAsStringAsync();
        Assert.Equal("pl", Tag(again).Lang);
        Assert.Contains($"href=\"/s/{token}?lang=zh-Hans\"", again); // and on the error pages
    }

    [Fact]
    public async Task The_Arabic_scale_keeps_its_western_digits_and_runs_1_to_5_in_reading_order()
    {
        var token = await TenLanguagesApp.TokenAsync(f.App, "ar");
        var html = await Flags.FlagScenario.Api(f.App).GetStringAsync($"/s/{token}");
        var positions = Enumerable.Range(1, 5).Select(v => html.IndexOf($"for=\"overall-{v}\"><span class=\"n\">{v}</span>", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions); // document order is reading order; dir="rtl" runs it from the right
        var css = await Flags.FlagScenario.Api(f.App).GetStringAsync("/s/assets/survey.css");
        Assert.DoesNotMatch(@"(?<![-\w])(left|right)\s*:", css); // logical properties only, so rtl mirrors everything
        Assert.DoesNotContain("padding-left", css);
    }
}

/// <summary>The default configuration offers en and es only (contract: Surveys:Languages).</summary>
public sealed class DefaultLanguageTests
{
    [Fact]
    public async Task Only_english_and_spanish_are_offered_by_default_and_pt_gets_english_with_links()
    {
        await using var app = SurveysApp.Embedded();
        await app.WaitReadyAsync();
        var token = await TenLanguagesApp.TokenAsync(app, "pt-BR");
        var html = await Flags.FlagScenario.Api(app).GetStringAsync($"/s/{token}");
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("class=\"notice\"", html);
        Assert.Contains("?lang=es\"", html);
        Assert.DoesNotContain("?lang=pt\"", html);
        Assert.Equal(["en", "es"], app.Service<TextCatalog>().Offered);
    }
}
