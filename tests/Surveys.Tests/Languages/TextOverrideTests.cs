using System.Text.Json;
using Surveys.Sms;
using Surveys.Tests.Infrastructure;
using Surveys.Texts;

namespace Surveys.Tests.Languages;

/// <summary>Surveys:Texts:Directory: the agency's &lt;lang&gt;.json files, read at start-up, no rebuild.</summary>
public sealed class TextOverrideTests
{
    static string Folder(params (string File, object Content)[] files)
    {
        var dir = Directory.CreateTempSubdirectory("surveys-texts-").FullName;
        foreach (var (file, content) in files) File.WriteAllText(Path.Combine(dir, file), content as string ?? JsonSerializer.Serialize(content));
        return dir;
    }

    [Fact]
    public async Task An_override_file_replaces_a_page_text_and_an_SMS_text_at_start_up()
    {
        var dir = Folder(("es.json", new Dictionary<string, string>
        {
            ["Title"] = "¿Qué tal lo hicimos, vecino?",
            ["Sms_Thanks"] = "Gracias, vecino. Su opinión nos ayuda.",
            ["Intro"] = "{0} quiere saber de usted.",
        }), ("zh-Hans.json", new Dictionary<string, string> { ["Send"] = "提交" }));
        await using var app = SurveysApp.Embedded(TenLanguagesApp.AllTen(new() { ["Surveys:Texts:Directory"] = dir }));
        await app.WaitReadyAsync();
        var token = await TenLanguagesApp.TokenAsync(app, "es");
        var html = await Flags.FlagScenario.Api(app).GetStringAsync($"/s/{token}");
        Assert.Contains("¿Qué tal lo hicimos, vecino?", html);
        Assert.Contains("quiere saber de usted.", html);
        Assert.Contains("Pueden citar mi comentario", html); // what the file does not name stays as shipped
        Assert.Contains(">提交</button>", await Flags.FlagScenario.Api(app).GetStringAsync($"/s/{token}?lang=zh-Hans"));
        var texts = app.Service<TextCatalog>();
        Assert.Equal("Gracias, vecino. Su opinión nos ayuda.", SmsText.Thanks("es-MX", texts));
        Assert.Equal(SmsText.Thanks("en"), SmsText.Thanks("en", texts));
    }

    [Theory]
    [InlineData("es.json", "{\"Titel\": \"¿Cómo?\"}", "unknown key 'Titel'")]
    [InlineData("fr.json", "{\"Title\": \"Comment?\"}", "no texts ship for 'fr'")]
    [InlineData("es.json", "{\"Intro\": \"Hola {1}\"}", "'Intro' must use the placeholders")]
    [InlineData("es.json", "{\"Title\": 3}", "'Title' must be a non-empty string")]
    [InlineData("es.json", "[\"Title\"]", "not a JSON object")]
    public void A_mistake_in_an_override_file_stops_the_start_with_a_message_naming_it(string file, string json, string message)
    {
        var dir = Folder((file, json));
        var app = SurveysApp.Embedded(new() { ["Surveys:Texts:Directory"] = dir });
        var e = Assert.ThrowsAny<Exception>(() => app.Client());
        var all = string.Join(" | ", Flatten(e).Select(x => x.Message));
        Assert.Contains(message, all);
        Assert.Contains(file, all);
    }

    [Fact]
    public void The_worker_skips_page_keys_it_does_not_know_but_still_checks_its_own()
    {
        var dir = Folder(("es.json", "{\"Title\": \"¿Qué tal?\", \"Sms_Thanks\": \"Gracias.\"}"));
        var options = new SurveysOptions { Texts = new() { Directory = dir } };
        var worker = TextCatalog.FromOptions(options, [SmsText.Strings], strict: false);
        Assert.Equal("Gracias.", SmsText.Thanks("es", worker));
        Assert.Throws<InvalidOperationException>(() => TextCatalog.FromOptions(options, [SmsText.Strings], strict: true));
        File.WriteAllText(Path.Combine(dir, "es.json"), "{\"Sms_OptedOut\": \"Baja hecha.\"}"); // {0} dropped
        Assert.Throws<InvalidOperationException>(() => TextCatalog.FromOptions(options, [SmsText.Strings], strict: false));
    }

    static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
        if (e is AggregateException a) foreach (var inner in a.InnerExceptions) foreach (var x in Flatten(inner)) yield return x;
    }
}
