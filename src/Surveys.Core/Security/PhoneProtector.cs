using System.Security.Cryptography;
using System.Text;

namespace Surveys.Security;

/// <summary>
/// Phone numbers are stored only as AES-GCM ciphertext (for sending) and as a keyed hash (for
/// opt-out and suppression look-ups), so a database dump alone reveals no number.
/// </summary>
public sealed class PhoneProtector(byte[] encryptionKey, byte[] hashKey, byte[]? previousEncryptionKey = null)
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

    /// <summary>Decrypts with the current key, or during a rotation with the previous one.</summary>
    public string Decrypt(string stored)
    {
        try { return Decrypt(stored, encryptionKey); }
        catch (AuthenticationTagMismatchException) when (previousEncryptionKey is not null) { return Decrypt(stored, previousEncryptionKey); }
    }

    /// <summary>True when the ciphertext is under the current key (nothing to re-encrypt).</summary>
    public bool IsCurrent(string stored)
    {
        try { Decrypt(stored, encryptionKey); return true; }
        catch (AuthenticationTagMismatchException) { return false; }
    }

    static string Decrypt(string stored, byte[] key)
    {
        var input = Convert.FromBase64String(stored);
        var length = input.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(input.AsSpan(0, NonceBytes), input.AsSpan(NonceBytes, length), input.AsSpan(NonceBytes + length), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
