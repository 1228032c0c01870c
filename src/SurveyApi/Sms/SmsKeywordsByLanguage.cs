using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Surveys.Api.Sms;

/// <summary>
/// Opt-out, START and HELP in the offered languages beyond English and Spanish: the words people
/// text alone (pt "PARAR", ru "СТОП", zh "退订", ko "수신거부"), and a few plain-language
/// requests ("não quero mais mensagens", "больше не пишите"). Entries pass through
/// <see cref="SmsKeywords.Normalize"/> as the message does, so accents and case never matter.
/// Words another language already claims (pl "stop" is English's) are left to it. Machine-drafted
/// like the texts: for the agency's review (docs/languages.md).
/// </summary>
public static class SmsKeywordsByLanguage
{
    sealed record Words(string[] OptOut, string[] Start, string[] Help, string? Plain);

    static readonly Dictionary<string, Words> Table = new()
    {
        ["pt"] = new(["parar", "sair", "cancelar", "descadastrar", "chega", "não quero mais"], ["voltar", "recomeçar"], ["ajuda"],
            @"\bnão (quero|desejo) (receber )?mais mensagens\b|\bpar(e|em) de (me )?(enviar|mandar)\b|\bme (tire|tirem|remova|removam)\b"),
        ["vi"] = new(["dừng", "dừng lại", "ngừng", "hủy đăng ký"], ["bắt đầu", "đăng ký lại"], ["trợ giúp", "giúp"],
            @"\b(dừng|ngừng) (gửi|nhận) tin\b|\bkhông muốn nhận tin\b"),
        ["zh-Hans"] = new(["退订", "TD", "取消", "停止", "取消订阅"], ["开始", "重新订阅"], ["帮助"],
            @"不要再(发|给我发)|别再(发|给我发)|停止(发送|发短信)"),
        ["ht"] = new(["rete", "kanpe", "sispann", "dezabòne", "anile"], ["kòmanse", "reabòne"], ["èd"],
            @"\bpa voye m (mesaj )?ankò\b|\bsispann voye\b"),
        ["ar"] = new(["إيقاف", "توقف", "إلغاء", "إلغاء الاشتراك", "قف", "كفى"], ["ابدأ", "بدء"], ["مساعدة"],
            @"لا (ترسل|ترسلوا) (لي )?(رسائل|المزيد)|(أوقف|أوقفوا) (الرسائل|إرسال)"),
        ["ko"] = new(["중지", "중지해", "수신거부", "수신 거부", "그만", "그만해", "해지", "취소"], ["시작", "재구독"], ["도움말", "도움"],
            @"문자 (보내지 마|그만)|더 이상 (보내지|문자)"),
        ["ru"] = new(["стоп", "отписаться", "отписка", "хватит", "прекратить", "отмена"], ["старт", "подписаться"], ["помощь", "справка"],
            @"\b(больше )?не (пишите|присылайте|отправляйте)\b|\bотпишите меня\b|\bпрекратите (писать|присылать|рассылку)\b"),
        ["pl"] = new(["koniec", "rezygnuję", "wypisz", "wypisz mnie", "anuluj", "przestań"], ["wznów"], ["pomoc"],
            @"\bnie (wysyłajcie|wysyłaj|piszcie)\b|\b(przestańcie|przestań) (pisać|wysyłać)\b|\bnie chcę (więcej )?(sms|smsów|wiadomości)\b"),
    };

    internal static readonly HashSet<string> Courtesy = [.. new[] { "por favor", "obrigado", "obrigada", "xin", "vui lòng", "请", "谢谢", "tanpri", "mèsi",
        "من فضلك", "شكرا", "제발", "주세요", "감사합니다", "пожалуйста", "спасибо", "proszę", "dziękuję" }.SelectMany(w => SmsKeywords.Normalize(w).Split(' '))];

    static readonly (string Language, HashSet<string> OptOut, HashSet<string> Start, HashSet<string> Help, Regex? Plain)[] Normalized =
        [.. Table.Select(t => (t.Key, Set(t.Value.OptOut), Set(t.Value.Start), Set(t.Value.Help),
            t.Value.Plain is null ? null : new Regex(Unaccented(t.Value.Plain), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))))];

    static HashSet<string> Set(string[] words) => [.. words.Select(SmsKeywords.Normalize)];

    // A pattern's letters as Normalize leaves a message's (accents off, Hangul decomposed), its syntax kept.
    static string Unaccented(string pattern) => string.Concat(pattern.ToLowerInvariant().Normalize(NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));

    /// <summary>The request in <paramref name="text"/> (normalised; <paramref name="core"/> without courtesy words), and its language.</summary>
    public static (SmsKeyword Kind, string? Language) Classify(string text, string core)
    {
        foreach (var (language, optOut, start, help, plain) in Normalized)
        {
            if (optOut.Contains(core)) return (SmsKeyword.OptOut, language);
            if (start.Contains(core)) return (SmsKeyword.Start, language);
            if (help.Contains(core)) return (SmsKeyword.Help, language);
        }
        foreach (var (language, _, _, _, plain) in Normalized)
            if (plain?.IsMatch(text) == true) return (SmsKeyword.OptOut, language);
        return (SmsKeyword.None, null);
    }
}
