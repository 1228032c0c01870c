using Surveys.Api.Sms;

namespace Surveys.Tests.Languages;

/// <summary>Opt-out words and plain "stop" requests in the other offered languages; the reply goes out in that language.</summary>
public sealed class KeywordLanguageTests
{
    [Theory]
    [InlineData("SAIR", "pt")] [InlineData("Descadastrar", "pt")] [InlineData("Não quero mais mensagens", "pt")] [InlineData("parem de me enviar isso", "pt")]
    [InlineData("Dừng", "vi")] [InlineData("dung lai", "vi")] [InlineData("Hủy đăng ký", "vi")] [InlineData("Xin đừng, ngừng gửi tin", "vi")]
    [InlineData("退订", "zh-Hans")] [InlineData("TD", "zh-Hans")] [InlineData("请不要再发短信", "zh-Hans")]
    [InlineData("Rete", "ht")] [InlineData("Sispann voye mesaj sa yo", "ht")]
    [InlineData("إيقاف", "ar")] [InlineData("ايقاف", "ar")] [InlineData("إلغاء الاشتراك", "ar")]
    [InlineData("수신거부", "ko")] [InlineData("그만", "ko")] [InlineData("중지해 주세요", "ko")] [InlineData("더 이상 문자 보내지 마세요", "ko")]
    [InlineData("СТОП", "ru")] [InlineData("Отписаться", "ru")] [InlineData("Больше не пишите мне", "ru")] [InlineData("стоп, пожалуйста", "ru")]
    [InlineData("Koniec", "pl")] [InlineData("Wypisz mnie", "pl")] [InlineData("Rezygnuję", "pl")] [InlineData("Nie wysyłajcie mi więcej SMS", "pl")]
    public void Opt_out_requests_are_recognised_in_each_language(string body, string language) =>
        Assert.Equal((SmsKeyword.OptOut, language), SmsKeywords.Classify(body));

    [Theory]
    [InlineData("STOP")] [InlineData("stop proszę")]
    public void STOP_stays_the_universal_word_whatever_the_language(string body) =>
        Assert.Equal(SmsKeyword.OptOut, SmsKeywords.Classify(body).Kind);

    [Theory]
    [InlineData("AJUDA", SmsKeyword.Help, "pt")] [InlineData("帮助", SmsKeyword.Help, "zh-Hans")] [InlineData("Помощь", SmsKeyword.Help, "ru")]
    [InlineData("pomoc", SmsKeyword.Help, "pl")] [InlineData("Старт", SmsKeyword.Start, "ru")] [InlineData("시작", SmsKeyword.Start, "ko")]
    public void Help_and_start_are_recognised_in_each_language(string body, SmsKeyword kind, string language) =>
        Assert.Equal((kind, language), SmsKeywords.Classify(body));

    [Theory]
    [InlineData("O policial foi muito gentil, não parou de ajudar")] [InlineData("Офицер сказал мне стоп, и я остановился")]
    [InlineData("警察让我停止说话，但他很有礼貌")] [InlineData("Policjant był bardzo miły")] [InlineData("4")]
    public void Ordinary_replies_in_other_languages_are_not_requests(string body) =>
        Assert.Equal(SmsKeyword.None, SmsKeywords.Classify(body).Kind);

    [Theory]
    [InlineData("Não")] [InlineData("không")] [InlineData("不")] [InlineData("Non")] [InlineData("لا")] [InlineData("아니요")] [InlineData("НЕТ")] [InlineData("nie")]
    public void No_to_the_comment_question_in_each_language_means_no_comment(string body) => Assert.Null(ReplyText.Comment(body));
}
