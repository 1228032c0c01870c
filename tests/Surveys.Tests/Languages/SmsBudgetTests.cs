using Surveys.Processing.FollowUps;
using Surveys.Sms;
using Surveys.Texts;

namespace Surveys.Tests.Languages;

/// <summary>
/// Every text in every language within budget for the encoding it really needs, the link counted:
/// at most 2 segments as GSM-7, 3 as UCS-2. Segments are counted here on their own (not with
/// SmsSegments), from 3GPP TS 23.038: the basic table plus the extension table (2 septets each),
/// 160 septets or 153 per concatenated part; otherwise UTF-16 units, 70 or 67 per part.
/// </summary>
public sealed class SmsBudgetTests
{
    const string Gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    const string Gsm7Extension = "\f^{}\\[~]|€";
    const string Agency = "Eastham Police Department";
    static readonly string Link = "https://survey.easthampolice.example.gov/s/" + new string('A', 43);

    static (bool Gsm7, int Segments) Count(string text)
    {
        if (text.All(c => Gsm7Basic.Contains(c) || Gsm7Extension.Contains(c)))
        {
            var septets = text.Sum(c => Gsm7Extension.Contains(c) ? 2 : 1);
            if (septets <= 160) return (true, 1);
            var parts = new List<int> { 0 };
            foreach (var c in text)
            {
                var cost = Gsm7Extension.Contains(c) ? 2 : 1;
                if (parts[^1] + cost > 153) parts.Add(0);
                parts[^1] += cost;
            }
            return (true, parts.Count);
        }
        if (text.Length <= 70) return (false, 1);
        var units = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (units[^1] + cost > 67) units.Add(0);
            units[^1] += cost;
            i += cost - 1;
        }
        return (false, units.Count);
    }

    static void WithinBudget(string lang, string what, string text)
    {
        var (gsm7, segments) = Count(text);
        Assert.True(segments <= (gsm7 ? 2 : 3), $"{lang} {what}: {segments} segments as {(gsm7 ? "GSM-7" : "UCS-2")}: {text}");
        Assert.Equal(SmsSegments.Measure(text).Segments, segments); // the sender's own count agrees
    }

    public static TheoryData<string> Languages() => [.. TextCatalog.Shipped];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_text_is_within_budget_with_a_real_link_and_a_long_agency_name(string lang)
    {
        var invitation = SmsText.Invitation(lang, Agency, Link);
        Assert.Contains(Link, invitation);
        Assert.Contains(Agency, invitation);
        Assert.Contains("STOP", invitation);
        WithinBudget(lang, "invitation", invitation);
        WithinBudget(lang, "reply invitation", SmsText.ReplyInvitation(lang, Agency));
        Assert.Contains("STOP", SmsText.ReplyInvitation(lang, Agency));
        WithinBudget(lang, "respect", SmsText.AskRespect(lang));
        WithinBudget(lang, "comment", SmsText.AskComment(lang));
        WithinBudget(lang, "thanks", SmsText.Thanks(lang));
        WithinBudget(lang, "clarify", SmsText.Clarify(lang));
        WithinBudget(lang, "opted out", SmsText.OptedOut(lang, Agency));
        WithinBudget(lang, "resubscribed", SmsText.Resubscribed(lang, Agency));
        WithinBudget(lang, "help", SmsText.Help(lang, Agency, "call 860-555-0100 or email surveys@eastham.example.gov"));
        // The follow-up texts: with and without a lieutenant, due in days or in hours, both closings.
        foreach (var due in new[] { TimeSpan.FromDays(3), TimeSpan.FromDays(1), TimeSpan.FromHours(36), TimeSpan.FromHours(1) })
        {
            var opened = FollowUpSms.Opened(lang, Agency, "Lt. Ana María Muñoz-Hernández", due);
            Assert.Contains("Lt. Ana María Muñoz-Hernández", opened);
            Assert.Contains("STOP", opened);
            WithinBudget(lang, $"follow-up opened ({due})", opened);
            WithinBudget(lang, $"follow-up opened, no lieutenant ({due})", FollowUpSms.Opened(lang, Agency, null, due));
        }
        WithinBudget(lang, "follow-up closed", FollowUpSms.Closed(lang, Agency, "resolved"));
        WithinBudget(lang, "follow-up referred", FollowUpSms.Closed(lang, Agency, "referred"));
        Assert.Contains(Agency, FollowUpSms.Closed(lang, Agency, "referred"));
        // Each is in its own language, not English in disguise.
        if (lang != "en")
        {
            Assert.NotEqual(SmsText.Thanks("en"), SmsText.Thanks(lang));
            Assert.NotEqual(FollowUpSms.Opened("en", Agency, null, TimeSpan.FromDays(3)), FollowUpSms.Opened(lang, Agency, null, TimeSpan.FromDays(3)));
            Assert.NotEqual(FollowUpSms.Closed("en", Agency, "resolved"), FollowUpSms.Closed(lang, Agency, "resolved"));
        }
    }

    [Theory]
    [InlineData("es", "¿Cómo lo atendimos?")]
    [InlineData("pl", "Dziękujemy")]
    [InlineData("vi", "Chúng tôi đã phục vụ thế nào?")]
    public void Accents_are_kept_and_the_text_goes_as_UCS2(string lang, string phrase)
    {
        var text = SmsText.Invitation(lang, "Eastham PD", "https://pd.example.gov/s/" + new string('A', 43));
        Assert.Contains(phrase, text);
        Assert.False(Count(text).Gsm7);
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Measure(text).Encoding);
        // Portuguese's invitation happens to need no accent (GSM-7, fine); its other texts do.
        Assert.Contains("não receberá", SmsText.OptedOut("pt", "Eastham PD"));
        Assert.False(Count(SmsText.OptedOut("pt", "Eastham PD")).Gsm7);
    }

    [Fact]
    public void A_very_long_agency_name_falls_back_to_the_bare_wording_in_every_language()
    {
        var name = "The Metropolitan Police Department of the City and County of Eastham, Community Outreach Division";
        foreach (var lang in TextCatalog.Shipped)
        {
            var text = SmsText.Invitation(lang, name, Link);
            Assert.Contains(Link, text);
            Assert.Contains("STOP", text);
        }
    }
}
