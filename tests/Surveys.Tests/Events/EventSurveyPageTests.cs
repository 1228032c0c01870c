using System.Net;
using SkiaSharp;
using Surveys.Tests.Flags;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.Sms;
using ZXing;
using ZXing.Common;
using static Surveys.Tests.Events.EventScenario;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Events;

/// <summary>The resident page's window on a clock the test sets, its pages and cookie, and the QR codes read back by an independent decoder.</summary>
public sealed class EventSurveyPageTests : IAsyncLifetime
{
    static readonly DateTimeOffset Start = new(2026, 10, 14, 22, 30, 0, TimeSpan.Zero);
    readonly ManualClock _clock = new(Start.AddDays(-3));
    SurveysApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = SurveysApp.Embedded(new() { ["Surveys:PublicBaseUrl"] = "https://survey.example.gov" }, _clock);
        await _app.WaitReadyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Survey_opens_one_day_before_and_closes_fourteen_days_after_the_start_with_410_outside()
    {
        var hood = await NeighborhoodAsync(_app);
        var (id, url, token) = await CreateAsync(_app, hood, Start);
        Assert.Equal($"https://survey.example.gov/e/{token}", url);
        var browser = BrowserClient(_app);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync($"/e/{token}")).StatusCode); // three days before
        _clock.Now = Start.AddHours(-23);
        var page = await browser.GetAsync($"/e/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/e/", cookie, StringComparison.OrdinalIgnoreCase);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("lang=\"es\"", html);
        Assert.Contains("<html lang=\"es\"", await (await browser.GetAsync($"/e/{token}?lang=es")).Content.ReadAsStringAsync());

        // A form posted without the value from the page (another site's form) stores nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"/e/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["overall"] = "5" }))).StatusCode);
        _clock.Now = Start.AddDays(14).AddMinutes(-1);
        Assert.Equal(HttpStatusCode.SeeOther, await AnswerAsync(BrowserClient(_app), token, 4));
        await StoredAsync(_app, id, 1);
        _clock.Now = Start.AddDays(14).AddMinutes(1);
        Assert.Equal(HttpStatusCode.Gone, await AnswerAsync(BrowserClient(_app), token, 4));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/e/AAAAAAAAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/e/short")).StatusCode);
    }

    [Fact]
    public async Task Qr_codes_decode_to_exactly_the_survey_url()
    {
        var (id, url, _) = await CreateAsync(_app, null, Start);
        var api = FlagScenario.Api(_app, Keys.Chief);
        var png = await api.GetAsync($"/api/v1/events/{id}/qr.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(url, Decode(await png.Content.ReadAsByteArrayAsync()));
        var svg = await api.GetAsync($"/api/v1/events/{id}/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
    }

    // SkiaSharp only turns the PNG into pixels; ZXing (not QRCoder) reads the code.
    static string? Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png).Copy(SKColorType.Rgba8888);
        var source = new RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var result = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE }, [DecodeHintType.TRY_HARDER] = true });
        return result?.Text;
    }
}
