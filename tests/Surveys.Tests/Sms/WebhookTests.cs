using Surveys.Api.Contacts;
using System.Net;
using Dapper;
using Surveys.Data;
using Surveys.Rules;
using Surveys.Security;
using Surveys.Sms;
using Surveys.Api.Sms;

namespace Surveys.Tests.Sms;

public sealed class WebhookAppFixture : IAsyncLifetime
{
    public SmsApp App { get; private set; } = null!;
    public async Task InitializeAsync() => App = await SmsApp.StartAsync(new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero),
        new() { ["Surveys:Sms:ContactLine"] = "call 860-555-0100 (non-emergency)" });
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>POST /sms/inbound and /sms/status: signatures, opt-out, START and HELP.</summary>
public sealed class WebhookTests(WebhookAppFixture fixture) : IClassFixture<WebhookAppFixture>
{
    SmsApp App => fixture.App;

    static Dictionary<string, string> Inbound(string from, string body) => new()
    {
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = from, ["To"] = FakeTwilio.From, ["Body"] = body,
    };

    async Task<bool> OptedOutAsync(string phone)
    {
        await using var connection = await App.Service<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM opt_outs WHERE phone_hash = @Hash",
            new { Hash = App.Service<PhoneProtector>().Hash(phone) }) > 0;
    }

    [Fact]
    public async Task Unsigned_or_wrongly_signed_callbacks_are_refused_and_change_nothing()
    {
        var phone = SmsApp.UniquePhone();
        var form = Inbound(phone, "STOP");
        async Task AssertRefusedAsync(HttpRequestMessage request)
        {
            var response = await App.Client().SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        HttpRequestMessage Request(string path, Dictionary<string, string> body, string? signature)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(body) };
            if (signature is not null) r.Headers.Add("X-Twilio-Signature", signature);
            return r;
        }
        await AssertRefusedAsync(Request("/sms/inbound", form, null));
        await AssertRefusedAsync(Request("/sms/inbound", form, ""));
        await AssertRefusedAsync(Request("/sms/inbound", form, TwilioSigner.Sign("another-token", SmsApp.PublicBaseUrl + "/sms/inbound", form)));
        await AssertRefusedAsync(Request("/sms/inbound", form, TwilioSigner.Sign(SmsApp.AuthToken, "http://localhost/sms/inbound", form)));
        await AssertRefusedAsync(Request("/sms/inbound", form, TwilioSigner.Sign(SmsApp.AuthToken, SmsApp.PublicBaseUrl + "/sms/status", form)));
        var tampered = new Dictionary<string, string>(form) { ["Body"] = "START" };
        await AssertRefusedAsync(Request("/sms/inbound", tampered, TwilioSigner.Sign(SmsApp.AuthToken, SmsApp.PublicBaseUrl + "/sms/inbound", form)));
        await AssertRefusedAsync(Request("/sms/status", form, null));
        Assert.False(await OptedOutAsync(phone));

        var signed = Request("/sms/inbound", form, TwilioSigner.Sign(SmsApp.AuthToken, SmsApp.PublicBaseUrl + "/sms/inbound", form));
        Assert.Equal(HttpStatusCode.OK, (await App.Client().SendAsync(signed)).StatusCode);
        Assert.True(await OptedOutAsync(phone));
    }

    [Fact]
    public void The_validator_under_test_agrees_with_the_documented_algorithm()
    {
        var form = Inbound("+15555550123", "Gracias, señor ¿qué tal? 👍 & <ok>");
        var url = SmsApp.PublicBaseUrl + "/sms/inbound";
        var signature = TwilioSigner.Sign(SmsApp.AuthToken, url, form);
        Assert.True(TwilioSignature.IsValid(SmsApp.AuthToken, url, form.ToList(), signature));
        Assert.True(TwilioSignature.IsValid(SmsApp.AuthToken, "https://survey.example.gov:443/sms/inbound", form.ToList(), signature));
        Assert.False(TwilioSignature.IsValid(SmsApp.AuthToken, url + "?x=1", form.ToList(), signature));
    }

    [Theory]
    [InlineData("stop")] [InlineData("quit")] [InlineData("end")] [InlineData("revoke")] [InlineData("opt out")]
    [InlineData("cancel")] [InlineData("unsubscribe")]
    [InlineData("Stop!")] [InlineData("OPT-OUT.")] [InlineData("UnSubscribe")] [InlineData("Please stop texting me")]
    public async Task Each_opt_out_request_opts_the_phone_out_with_one_confirmation(string body)
    {
        var phone = SmsApp.UniquePhone();
        var reply = await App.TextAsync(phone, body);
        Assert.Equal(SmsText.OptedOut("en", "Eastham Police"), reply);
        Assert.True(await OptedOutAsync(phone));
        Assert.Null(await App.TextAsync(phone, body)); // one confirmation only
        Assert.Null(await App.TextAsync(phone, "STOP"));
        Assert.Equal(ContactStatus.OptedOut, (await App.ContactAsync(await App.NeighborhoodAsync(), App.Clock.Now, phone)).Status);
    }

    [Theory]
    [InlineData("PARA")] [InlineData("¡Basta!")] [InlineData("Cancelar")] [InlineData("No me envíen más mensajes")]
    public async Task Spanish_opt_out_requests_are_confirmed_in_Spanish(string body)
    {
        var phone = SmsApp.UniquePhone();
        Assert.Equal(SmsText.OptedOut("es", "Eastham Police"), await App.TextAsync(phone, body));
        Assert.True(await OptedOutAsync(phone));
        Assert.Null(await App.TextAsync(phone, "para"));
    }

    [Fact]
    public async Task A_Spanish_speakers_STOP_is_confirmed_in_their_language()
    {
        var phone = SmsApp.UniquePhone();
        await App.ContactAsync(await App.NeighborhoodAsync(), App.Clock.Now.AddHours(-3), phone, language: "es");
        Assert.Equal(SmsText.OptedOut("es", "Eastham Police"), await App.TextAsync(phone, "STOP"));
    }

    [Fact]
    public async Task START_resubscribes_an_opted_out_phone()
    {
        var phone = SmsApp.UniquePhone();
        Assert.Null(await App.TextAsync(phone, "START")); // not opted out: nothing to confirm
        Assert.NotNull(await App.TextAsync(phone, "stop"));
        Assert.Equal(SmsText.Resubscribed("en", "Eastham Police"), await App.TextAsync(phone, "Start"));
        Assert.False(await OptedOutAsync(phone));
        Assert.Equal(ContactStatus.Invited, (await App.ContactAsync(await App.NeighborhoodAsync(), App.Clock.Now, phone)).Status);
        Assert.NotNull(await App.TextAsync(phone, "STOP")); // opting out again is confirmed again
    }

    [Fact]
    public async Task HELP_answers_with_the_agency_contact_line()
    {
        var reply = await App.TextAsync(SmsApp.UniquePhone(), "HELP");
        Assert.Equal("Eastham Police resident surveys. Questions: call 860-555-0100 (non-emergency). In an emergency call 911. Reply STOP to opt out.", reply);
        Assert.Contains("call 860-555-0100 (non-emergency)", await App.TextAsync(SmsApp.UniquePhone(), "ayuda"));
        Assert.StartsWith("Encuestas a residentes", await App.TextAsync(SmsApp.UniquePhone(), "AYUDA"));
    }

    [Fact]
    public async Task A_replayed_webhook_changes_and_answers_nothing()
    {
        var phone = SmsApp.UniquePhone();
        var form = Inbound(phone, "STOP");
        Assert.Contains("<Message>", await (await App.PostSignedAsync("/sms/inbound", form)).Content.ReadAsStringAsync());
        Assert.NotNull(await App.TextAsync(phone, "START"));
        var replay = await App.PostSignedAsync("/sms/inbound", form);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.DoesNotContain("<Message>", await replay.Content.ReadAsStringAsync());
        Assert.False(await OptedOutAsync(phone));
    }

    [Fact]
    public async Task A_text_outside_any_survey_gets_no_reply()
    {
        Assert.Null(await App.TextAsync(SmsApp.UniquePhone(), "5"));
        Assert.Null(await App.TextAsync(SmsApp.UniquePhone(), "who is this?"));
    }
}
