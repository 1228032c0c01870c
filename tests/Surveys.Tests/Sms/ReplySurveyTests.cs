using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Surveys.Api.Sms;
using Surveys.Data;
using Surveys.Sms;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Sms;

/// <summary>Agencies that send no links: the survey is answered by text, into the same figures.</summary>
public sealed class ReplySurveyTests
{
    static readonly DateTimeOffset Midday = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    static Task<SmsApp> StartAsync() => SmsApp.StartAsync(Midday, new() { ["Surveys:Sms:ReplySurvey"] = "true" });

    static async Task<(string Neighborhood, string Phone, string ContactId)> InvitedAsync(SmsApp app, string language = "en")
    {
        var nb = await app.NeighborhoodAsync();
        var phone = SmsApp.UniquePhone();
        var contact = await app.ContactAsync(nb, Midday.AddHours(-3), phone, language);
        await app.DispatchAsync();
        return (nb, phone, contact.ContactId);
    }

    static async Task<JsonElement> FiguresAsync(SmsApp app, string nb, long responses)
    {
        JsonElement figures = default;
        await Eventually.TrueAsync(async () =>
        {
            figures = await app.Client(Keys.Chief).GetFromJsonAsync<JsonElement>($"/api/v1/stats/neighborhoods/{nb}?month=2026-06");
            return figures.GetProperty("responses").GetInt64() >= responses;
        }, TimeSpan.FromSeconds(30), $"{responses} response(s) in {nb}");
        return figures;
    }

    static long N(JsonElement figures, string item) => figures.GetProperty("items").GetProperty(item).GetProperty("n").GetInt64();

    static async Task<(string Channel, long Overall, long? Respect, string? Comment)> StoredAsync(SmsApp app, string contactId)
    {
        await using var connection = await app.Service<Db>().OpenAsync();
        return await connection.QuerySingleAsync<(string, long, long?, string?)>(
            "SELECT channel, overall, respect, comment FROM responses WHERE contact_id = @Id", new { Id = contactId });
    }

    [Fact]
    public async Task Answers_by_text_reach_the_figures_like_web_answers()
    {
        await using var app = await StartAsync();
        var (nb, phone, contactId) = await InvitedAsync(app);
        var invitation = Assert.Single(await app.OutboxAsync(phone));
        Assert.Contains("Reply 1 (very dissatisfied) to 5 (very satisfied)", invitation);
        Assert.DoesNotContain("/s/", invitation); // no link
        Assert.Equal("reply", (await app.RowAsync(contactId)).SmsMode);

        Assert.Equal(SmsText.AskRespect("en"), await app.TextAsync(phone, "4"));
        Assert.Equal(SmsText.AskComment("en"), await app.TextAsync(phone, " 5! "));
        Assert.Equal(SmsText.Thanks("en"), await app.TextAsync(phone, "The officer was patient & kind <3"));
        Assert.Null(await app.TextAsync(phone, "3")); // the survey is over

        var figures = await FiguresAsync(app, nb, 1);
        Assert.Equal((1, 1, 0), (N(figures, "overall"), N(figures, "respect"), N(figures, "trust")));
        Assert.Equal(("sms", 4L, (long?)5, "The officer was patient & kind <3"), await StoredAsync(app, contactId));
        await using var connection = await app.Service<Db>().OpenAsync();
        Assert.Equal(("closed", (string?)null), await connection.QuerySingleAsync<(string, string?)>(
            "SELECT state, comment FROM sms_conversations WHERE contact_id = @Id", new { Id = contactId }));
    }

    [Fact]
    public async Task NO_finishes_without_a_comment_and_Spanish_speakers_are_asked_in_Spanish()
    {
        await using var app = await StartAsync();
        var (nb, phone, contactId) = await InvitedAsync(app, "es");
        Assert.Contains("Responda del 1 (muy mal) al 5 (muy bien)", Assert.Single(await app.OutboxAsync(phone)));
        Assert.Equal(SmsText.AskRespect("es"), await app.TextAsync(phone, "cinco"));
        Assert.Equal(SmsText.AskComment("es"), await app.TextAsync(phone, "4"));
        Assert.Equal(SmsText.Thanks("es"), await app.TextAsync(phone, "No, gracias"));
        await FiguresAsync(app, nb, 1);
        Assert.Equal(("sms", 5L, (long?)4, (string?)null), await StoredAsync(app, contactId));
    }

    [Fact]
    public async Task An_ambiguous_reply_gets_one_clarifying_message_then_the_survey_stops_with_what_it_has()
    {
        await using var app = await StartAsync();
        var (nb, phone, contactId) = await InvitedAsync(app);
        Assert.Equal(SmsText.AskRespect("en"), await app.TextAsync(phone, "2"));
        Assert.Equal(SmsText.Clarify("en"), await app.TextAsync(phone, "4 or 5"));
        Assert.Null(await app.TextAsync(phone, "hard to say"));
        Assert.Null(await app.TextAsync(phone, "5"));
        var figures = await FiguresAsync(app, nb, 1);
        Assert.Equal((1, 0), (N(figures, "overall"), N(figures, "respect")));
        Assert.Equal(("sms", 2L, (long?)null, (string?)null), await StoredAsync(app, contactId));
    }

    [Fact]
    public async Task Ambiguity_before_any_rating_ends_the_survey_without_an_answer()
    {
        await using var app = await StartAsync();
        var (_, phone, contactId) = await InvitedAsync(app);
        Assert.Equal(SmsText.Clarify("en"), await app.TextAsync(phone, "who is this?"));
        Assert.Null(await app.TextAsync(phone, "seriously"));
        Assert.Null(await app.TextAsync(phone, "4"));
        await using var connection = await app.Service<Db>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM responses WHERE contact_id = @Id", new { Id = contactId }));
    }

    [Fact]
    public async Task A_survey_left_unfinished_is_submitted_with_what_it_has_after_the_reply_timeout()
    {
        await using var app = await StartAsync();
        var (nb, phone, contactId) = await InvitedAsync(app);
        Assert.Equal(SmsText.AskRespect("en"), await app.TextAsync(phone, "3"));
        var sweeper = app.Service<ReplySweeper>();
        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await sweeper.RunOnceAsync());
        app.Clock.Advance(TimeSpan.FromHours(1.1));
        Assert.Equal(1, await sweeper.RunOnceAsync());
        await FiguresAsync(app, nb, 1);
        Assert.Equal(("sms", 3L, (long?)null, (string?)null), await StoredAsync(app, contactId));
    }

    [Fact]
    public async Task STOP_in_the_middle_ends_the_survey_keeps_the_answer_given_and_asks_nothing_more()
    {
        await using var app = await StartAsync();
        var (nb, phone, contactId) = await InvitedAsync(app);
        Assert.Equal(SmsText.AskRespect("en"), await app.TextAsync(phone, "1"));
        Assert.Equal(SmsText.OptedOut("en", "Eastham Police"), await app.TextAsync(phone, "stop texting me"));
        Assert.Null(await app.TextAsync(phone, "5"));
        await FiguresAsync(app, nb, 1);
        Assert.Equal(("sms", 1L, (long?)null, (string?)null), await StoredAsync(app, contactId));
    }
}
