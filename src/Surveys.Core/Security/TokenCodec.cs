using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Surveys.Security;

public readonly record struct SurveyToken(string TokenId, DateTimeOffset ExpiresAt);

/// <summary>
/// Survey tokens: 128 random bits, the expiry, and a truncated HMAC-SHA256 over both, in
/// base64url (43 characters). The MAC lets the API reject a forged or altered token, and the
/// embedded expiry an expired one, without reading the database.
/// </summary>
public sealed class TokenCodec(byte[] key, byte[]? previousKey = null)
{
    const int IdBytes = 16, ExpiryBytes = 4, MacBytes = 12, Total = IdBytes + ExpiryBytes + MacBytes;

    public string Issue(DateTimeOffset expiresAt, out string tokenId)
    {
        Span<byte> id = stackalloc byte[IdBytes];
        RandomNumberGenerator.Fill(id);
        tokenId = WebEncoders.Base64UrlEncode(id.ToArray());
        return Encode(tokenId, expiresAt);
    }

    /// <summary>Rebuilds the token of a stored contact (same id and expiry give the same token).</summary>
    public string Encode(string tokenId, DateTimeOffset expiresAt)
    {
        var buffer = new byte[Total];
        WebEncoders.Base64UrlDecode(tokenId).CopyTo(buffer, 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(IdBytes), (uint)expiresAt.ToUnixTimeSeconds());
        Mac(key, buffer.AsSpan(0, IdBytes + ExpiryBytes), buffer.AsSpan(IdBytes + ExpiryBytes));
        return WebEncoders.Base64UrlEncode(buffer);
    }

    public bool TryDecode(string? token, out SurveyToken result)
    {
        result = default;
        if (token is null || token.Length != 43) return false;
        byte[] buffer;
        try { buffer = WebEncoders.Base64UrlDecode(token); }
        catch (FormatException) { return false; }
        if (buffer.Length != Total) return false;

        if (!MacMatches(key, buffer) && (previousKey is null || !MacMatches(previousKey, buffer))) return false;

        var expiry = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(IdBytes));
        result = new SurveyToken(WebEncoders.Base64UrlEncode(buffer, 0, IdBytes), DateTimeOffset.FromUnixTimeSeconds(expiry));
        return true;
    }

    static bool MacMatches(byte[] macKey, byte[] buffer)
    {
        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(macKey, buffer.AsSpan(0, IdBytes + ExpiryBytes), expected);
        return CryptographicOperations.FixedTimeEquals(expected, buffer.AsSpan(IdBytes + ExpiryBytes));
    }

    static void Mac(byte[] key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, data, full);
        full[..MacBytes].CopyTo(destination);
    }
}
