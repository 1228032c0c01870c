using Surveys.Security;

namespace Surveys.Tests.Rules;

public sealed class TokenCodecTests
{
    static readonly TokenCodec Codec = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Issued_token_decodes_to_its_id_and_expiry_and_is_short_enough_for_an_sms()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var token = Codec.Issue(expires, out var id);
        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.True(Codec.TryDecode(token, out var decoded));
        Assert.Equal(id, decoded.TokenId);
        Assert.Equal(expires, decoded.ExpiresAt);
        Assert.Equal(token, Codec.Encode(id, expires));
    }

    [Fact]
    public void Tokens_carry_128_random_bits_and_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => { Codec.Issue(DateTimeOffset.UtcNow, out var id); return id; }).ToHashSet();
        Assert.Equal(10_000, ids.Count);
        Assert.All(ids, id => Assert.Equal(22, id.Length)); // 16 bytes in base64url
    }

    [Fact]
    public void Every_single_character_change_is_rejected()
    {
        var token = Codec.Issue(DateTimeOffset.UtcNow.AddDays(14), out _);
        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(Codec.TryDecode(altered, out _), $"position {i}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Malformed_tokens_are_rejected(string? token) => Assert.False(Codec.TryDecode(token, out _));

    [Fact]
    public void A_token_from_another_key_is_rejected()
    {
        var other = new TokenCodec(new byte[32]);
        Assert.False(Codec.TryDecode(other.Issue(DateTimeOffset.UtcNow.AddDays(1), out _), out _));
    }
}
