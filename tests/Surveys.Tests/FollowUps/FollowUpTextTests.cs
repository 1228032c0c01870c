using Surveys.Tests.Sms;
using static Surveys.Tests.FollowUps.FollowUpClock;

namespace Surveys.Tests.FollowUps;

/// <summary>The resident's follow-up texts through the real Twilio provider against a fake Twilio, on a controlled clock.</summary>
public sealed class FollowUpTextTests
{
    // Wednesday 10 June 2026, 11:00 in New York.
    static readonly DateTimeOffset Midday = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    static async Task<(FakeTwilio, SmsApp)> StartAsync(DateTimeOffset now)
    {
        var twilio = await FakeTwilio.StartAsync();
        return (twilio, await SmsApp.StartAsync(now, twilio.Settings()));
    }

    static List<string> To(FakeTwilio twilio, string phone) => twilio.Messages.Where(m => m.To == phone).Select(m => m.Body).ToList();

    [Fact]
    public async Task Opened_and_closed_texts_go_out_once_each_in_the_residents_language()
    {
        var (twilio, app) = await StartAsync(Midday);
        await using var _ = twilio;
        await using var __ = app;
        var hood = await NeighborhoodAsync(app);
        var phone = SmsApp.UniquePhone();
        var id = await RequestAsync(app, hood, phone, "es");
        await app.DispatchAsync();
        await app.DispatchAsync();
        Assert.Equal(["Lt. Muñoz de Eastham Police se comunicará con usted en un plazo de 3 días sobre su encuesta, como lo pidió. Responda STOP para darse de baja."],
            To(twilio, phone));

        await StatusAsync(app, id, "contacted");
        await app.DispatchAsync();
        Assert.Single(To(twilio, phone)); // contacted is no news for the resident
        await StatusAsync(app, id, "closed", "resolved");
        await app.DispatchAsync();
        await app.DispatchAsync();
        var texts = To(twilio, phone);
        Assert.Equal(2, texts.Count);
        Assert.Equal("Eastham Police: Su solicitud de seguimiento sobre su encuesta está cerrada. Gracias por hablar con nosotros.", texts[1]);
        Assert.Equal(2L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_up_texts WHERE follow_up_id = @Id AND status = 'sent'", new { Id = id }));

        // Closed as unreachable: the resident was never reached, so no closing text follows the opening one.
        var other = SmsApp.UniquePhone();
        var second = await RequestAsync(app, hood, other);
        await app.DispatchAsync();
        await StatusAsync(app, second, "closed", "unreachable");
        await app.DispatchAsync();
        Assert.Equal(["Lt. Muñoz from Eastham Police will contact you within 3 days about your survey, as you asked. Reply STOP to opt out."], To(twilio, other));
        Assert.Empty(twilio.Violations);
    }

    [Fact]
    public async Task A_Brazilian_Portuguese_contact_gets_the_follow_up_texts_in_Portuguese()
    {
        var twilio = await FakeTwilio.StartAsync();
        await using var _ = twilio;
        var settings = twilio.Settings();
        (settings["Surveys:Languages:0"], settings["Surveys:Languages:1"], settings["Surveys:Languages:2"]) = ("en", "es", "pt");
        await using var app = await SmsApp.StartAsync(Midday, settings);
        var phone = SmsApp.UniquePhone();
        var id = await RequestAsync(app, await NeighborhoodAsync(app), phone, "pt-BR");
        await app.DispatchAsync();
        await app.DispatchAsync();
        Assert.Equal(["Lt. Muñoz, de Eastham Police, entrará em contato com você em até 3 dias sobre a sua pesquisa, como você pediu. Responda STOP para sair."],
            To(twilio, phone));
        await StatusAsync(app, id, "closed", "referred");
        await app.DispatchAsync();
        await app.DispatchAsync();
        Assert.Equal("Eastham Police: Passamos o seu pedido para o setor que pode ajudar e encerramos o seu pedido de retorno. Obrigado por falar conosco.",
            To(twilio, phone)[^1]);
        Assert.Empty(twilio.Violations);
    }

    [Fact]
    public async Task Opening_text_waits_for_the_end_of_quiet_hours()
    {
        var evening = new DateTimeOffset(2026, 6, 11, 1, 30, 0, TimeSpan.Zero); // 21:30 in New York
        var (twilio, app) = await StartAsync(evening);
        await using var _ = twilio;
        await using var __ = app;
        var phone = SmsApp.UniquePhone();
        var id = await RequestAsync(app, await NeighborhoodAsync(app), phone);
        await app.DispatchAsync();
        Assert.Empty(To(twilio, phone));
        Assert.Equal("pending", await ScalarAsync<string>(app, "SELECT status FROM follow_up_texts WHERE follow_up_id = @Id", new { Id = id }));
        app.Clock.Now = new DateTimeOffset(2026, 6, 11, 11, 55, 0, TimeSpan.Zero); // 07:55
        await app.DispatchAsync();
        Assert.Empty(To(twilio, phone));
        app.Clock.Now = new DateTimeOffset(2026, 6, 11, 12, 5, 0, TimeSpan.Zero); // 08:05
        await app.DispatchAsync();
        await app.DispatchAsync();
        Assert.Single(To(twilio, phone));
    }

    [Fact]
    public async Task Opted_out_phone_gets_no_follow_up_text()
    {
        var (twilio, app) = await StartAsync(Midday);
        await using var _ = twilio;
        await using var __ = app;
        var phone = SmsApp.UniquePhone();
        var id = await RequestAsync(app, await NeighborhoodAsync(app), phone);
        await app.TextAsync(phone, "STOP");
        await app.DispatchAsync();
        await StatusAsync(app, id, "closed", "resolved");
        await app.DispatchAsync();
        Assert.Empty(To(twilio, phone));
        Assert.Equal(2L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM follow_up_texts WHERE follow_up_id = @Id AND status = 'skipped' AND error = 'phone opted out'", new { Id = id }));
    }
}
