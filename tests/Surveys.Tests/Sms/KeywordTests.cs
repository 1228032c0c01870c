using Surveys.Sms;
using Surveys.Api.Sms;

namespace Surveys.Tests.Sms;

public sealed class KeywordTests
{
    [Theory]
    // The seven words of the FCC's 2024 TCPA order, then case, punctuation and courtesy variants.
    [InlineData("stop")] [InlineData("quit")] [InlineData("end")] [InlineData("revoke")]
    [InlineData("opt out")] [InlineData("cancel")] [InlineData("unsubscribe")]
    [InlineData("STOP")] [InlineData("Quit")] [InlineData("eNd")] [InlineData("REVOKE.")] [InlineData("Opt-Out")]
    [InlineData("OPTOUT")] [InlineData("Cancel!!")] [InlineData("  UnSubscribe  ")] [InlineData("Stop.")] [InlineData("\"stop\"")]
    [InlineData("STOP please")] [InlineData("please stop")] [InlineData("Stop it!")] [InlineData("stop now, thank you")] [InlineData("STOP ALL")]
    // Plain language.
    [InlineData("Please stop texting me")] [InlineData("don't text me again")] [InlineData("Do not message me.")]
    [InlineData("No more texts please")] [InlineData("remove me from your list")] [InlineData("Leave me alone!")]
    [InlineData("I want to opt out")] [InlineData("cancel my subscription")]
    public void English_opt_out_requests_are_recognised(string body) =>
        Assert.Equal((SmsKeyword.OptOut, null), SmsKeywords.Classify(body));

    [Theory]
    [InlineData("PARA")] [InlineData("Para.")] [InlineData("alto")] [InlineData("¡Basta!")] [InlineData("Cancelar")] [InlineData("BAJA")]
    [InlineData("darme de baja")] [InlineData("No más")] [InlineData("No me envíen más mensajes")] [InlineData("Dejen de escribirme, por favor")]
    [InlineData("no quiero más mensajes")] [InlineData("Quítenme de la lista")] [InlineData("para por favor")]
    public void Spanish_opt_out_requests_are_recognised_as_Spanish(string body) =>
        Assert.Equal((SmsKeyword.OptOut, "es"), SmsKeywords.Classify(body));

    [Theory]
    [InlineData("4")] [InlineData("The officer told me to stop")] [InlineData("He asked me to end the call early")]
    [InlineData("Para mí fue excelente")] [InlineData("I can't stop thinking about how kind she was")] [InlineData("")]
    [InlineData("Stopped by later, thanks")] [InlineData("great service")]
    public void Ordinary_replies_are_not_requests(string body) =>
        Assert.Equal(SmsKeyword.None, SmsKeywords.Classify(body).Kind);

    [Theory]
    [InlineData("START", SmsKeyword.Start, null)] [InlineData("start.", SmsKeyword.Start, null)] [InlineData("Unstop", SmsKeyword.Start, null)]
    [InlineData("comenzar", SmsKeyword.Start, "es")]
    [InlineData("HELP", SmsKeyword.Help, null)] [InlineData("help?", SmsKeyword.Help, null)] [InlineData("Info", SmsKeyword.Help, null)]
    [InlineData("AYUDA", SmsKeyword.Help, "es")] [InlineData("ayuda por favor", SmsKeyword.Help, "es")]
    public void Start_and_help_are_recognised(string body, SmsKeyword kind, string? language) =>
        Assert.Equal((kind, language), SmsKeywords.Classify(body));
}
