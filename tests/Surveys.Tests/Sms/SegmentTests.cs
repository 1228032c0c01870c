using Surveys.Sms;

namespace Surveys.Tests.Sms;

public sealed class SegmentTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Plain_text_is_GSM7_with_160_septets_in_one_segment_and_153_per_part(int length, int segments)
    {
        var size = SmsSegments.Measure(new string('a', length));
        Assert.Equal(SmsEncoding.Gsm7, size.Encoding);
        Assert.Equal(segments, size.Segments);
    }

    [Fact]
    public void Extension_characters_cost_two_septets_and_are_never_split_across_parts()
    {
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(new string('€', 80)));
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 162, 2), SmsSegments.Measure(new string('€', 81)));
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure("{[~]}|^\\ € @£$¥ ¿¡ ñÑ é ü").Encoding);
        // 152 + 2 + 152 = 306 septets would be 2 parts if the escape pair could straddle them; it cannot: 3.
        Assert.Equal(3, SmsSegments.Measure(new string('a', 152) + "€" + new string('a', 152)).Segments);
    }

    [Theory]
    [InlineData("café à la Ñandú", SmsEncoding.Ucs2)] // ú is not in GSM-7
    [InlineData("café, señor, ¿qué tal?", SmsEncoding.Gsm7)] // é, ñ, ¿ are
    [InlineData("canción", SmsEncoding.Ucs2)]
    [InlineData("Gracias 🙏", SmsEncoding.Ucs2)]
    [InlineData("smart “quotes”", SmsEncoding.Ucs2)]
    public void Any_character_outside_GSM7_makes_the_whole_text_UCS2(string text, SmsEncoding encoding) =>
        Assert.Equal(encoding, SmsSegments.Measure(text).Encoding);

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Accented_text_is_UCS2_with_70_units_in_one_segment_and_67_per_part(int length, int segments)
    {
        var size = SmsSegments.Measure(new string('ó', length));
        Assert.Equal(new SmsSize(SmsEncoding.Ucs2, length, segments), size);
    }

    [Fact]
    public void An_emoji_is_two_UCS2_units_and_is_never_split_across_parts()
    {
        Assert.Equal(new SmsSize(SmsEncoding.Ucs2, 2, 1), SmsSegments.Measure("👍"));
        Assert.Equal(new SmsSize(SmsEncoding.Ucs2, 70, 1), SmsSegments.Measure(new string('a', 68) + "👍"));
        Assert.Equal(new SmsSize(SmsEncoding.Ucs2, 71, 2), SmsSegments.Measure(new string('a', 69) + "👍"));
        // 66 + 2 + 66 = 134 units fit 2 parts only if the pair could straddle them; it cannot: 3.
        Assert.Equal(3, SmsSegments.Measure(new string('a', 66) + "👍" + new string('a', 66)).Segments);
    }

    // Every language's budget: tests/Surveys.Tests/Languages/SmsBudgetTests.cs.
    [Theory]
    [InlineData("en")]
    public void The_English_invitations_are_GSM7_and_at_most_two_segments_with_a_real_link(string language)
    {
        var link = "https://survey.easthampolice.example.gov/s/" + new string('A', 43);
        var text = SmsText.Invitation(language, "Eastham Police Department", link);
        var size = SmsSegments.Measure(text);
        Assert.Equal(SmsEncoding.Gsm7, size.Encoding);
        Assert.InRange(size.Segments, 1, 2);
        Assert.Contains(link, text);
        Assert.Contains("Eastham Police Department", text);
        Assert.Contains("STOP", text);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure(SmsText.ReplyInvitation(language, "Eastham Police Department")).Encoding);
        Assert.InRange(SmsSegments.Measure(SmsText.ReplyInvitation(language, "Eastham Police Department")).Segments, 1, 2);
    }

    [Fact]
    public void A_short_link_fits_the_invitation_in_one_segment_and_a_long_name_falls_back_to_shorter_wording()
    {
        var link = "https://pd.example.gov/s/" + new string('A', 43);
        Assert.Equal(1, SmsSegments.Measure(SmsText.Invitation("en", "Eastham PD", link)).Segments);
        var longName = "The Metropolitan Police Department of the City and County of Eastham, Community Outreach Division";
        var text = SmsText.Invitation("en", longName, "https://survey.easthampolice.example.gov/s/" + new string('A', 43));
        Assert.True(SmsSegments.Measure(text).Segments <= 2, text);
        Assert.Contains("STOP", text);
    }
}
