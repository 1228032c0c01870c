using Surveys.Reporting.Text;

namespace Surveys.Tests.Reporting;

public class RedactionTests
{
    [Theory]
    [InlineData("Call me on +1 (860) 555-0143 please", "Call me on [phone removed] please")]
    [InlineData("my cell 860.555.0143", "my cell [phone removed]")]
    [InlineData("text 8605550143 anytime", "text [phone removed] anytime")]
    [InlineData("write to jo.resident+x@example.org.", "write to [e-mail removed].")]
    [InlineData("mail jo (at) example (dot) org", "mail [e-mail removed]")]
    [InlineData("they came to 1420 N. Elm Street fast", "they came to [address removed] fast")]
    [InlineData("at 12 oak ave, apt 3", "at [address removed], [address removed]")]
    [InlineData("350 Martin Luther King Jr Blvd", "[address removed]")]
    [InlineData("vivo en Calle Mayor 12, Apto 4", "vivo en [address removed], [address removed]")]
    [InlineData("call me at 86O-555-O1OO tonight", "call me at [phone removed] tonight")]
    [InlineData("my number is (86o) 555 o1oo.", "my number is [phone removed].")]
    [InlineData("write maria dot gonzalez at gmail dot com please", "write [e-mail removed] please")]
    [InlineData("email maria.gonzalez at gmail.com", "email [e-mail removed]")]
    [InlineData("reach me: jo dot smith at example dot org.", "reach me: [e-mail removed].")]
    public void Identifying_details_are_removed(string comment, string printed) =>
        Assert.Equal(printed, Redaction.Apply(comment));

    [Theory]
    [InlineData("Officer was great, arrived in 10 minutes on the road")]
    [InlineData("I rate them 5 out of 5, thank you")]
    [InlineData("The unit was helpful and kind")]
    [InlineData("Waited 2 hours for a call back in 2026")]
    [InlineData("Oooh, 10 out of 10, they were at the door at 9 pm")]
    [InlineData("I was at home. Thank you")]
    [InlineData("We met at the station dot matrix screen")]
    [InlineData("Officer Reyes said OOO 555 and left")]
    public void Ordinary_text_is_left_alone(string comment) => Assert.Equal(comment, Redaction.Apply(comment));

    [Fact]
    public void Long_comments_are_shortened_at_a_word_after_redaction()
    {
        var printed = Redaction.ForPrint(string.Join(' ', Enumerable.Repeat("word", 400)) + " 555-0143-999", 700);
        Assert.True(printed.Length <= 705, printed.Length.ToString());
        Assert.EndsWith("word […]", printed);
    }
}
