using System.Security.Cryptography;
using System.Text;

namespace Surveys.Security;

/// <summary>
/// Phone numbers are stored only as AES-GCM ciphertext (for sending) and as a keyed hash (for
/// opt-out and suppression look-ups), so a database dump alone reveals no number.
/// </summary>
public sealed class PhoneProtector(byte[] encryptionKey, byte[] hashKey)
{
    const int NonceBytes = 12, TagBytes = 16;

    public string Hash(string e164) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(e164)));

    public string Encrypt(string e164)
    {
        var plain = Encoding.UTF8.GetBytes(e164);
        var output = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceBytes, plain.Length), output.AsSpan(NonceBytes + plain.Length));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string stored)
    {
        var input = Convert.FromBase64String(stored);
        var length = input.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(encryptionKey, TagBytes);
        aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes, length), input.AsSpan(NonceBytes + length), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
