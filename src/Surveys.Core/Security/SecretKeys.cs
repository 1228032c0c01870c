using System.Security.Cryptography;
using System.Text.Json;

namespace Surveys.Security;

/// <summary>The three secrets (token MAC, phone encryption, phone hash), 32 bytes each.</summary>
public sealed record SecretKeys(byte[] TokenMac, byte[] PhoneEncryption, byte[] PhoneHash)
{
    public byte[]? PreviousTokenMac { get; init; }
    public byte[]? PreviousPhoneEncryption { get; init; }

    /// <summary>
    /// Server mode: all three must be configured (several processes must share them). Embedded
    /// mode: generated once and kept in keys.json beside the database file (wherever the process
    /// was started from), so links and encrypted phone numbers keep working across restarts.
    /// </summary>
    public static SecretKeys Load(SurveysOptions options, string? connectionString)
    {
        var k = options.Keys;
        if (k.TokenMac is not null && k.PhoneEncryption is not null && k.PhoneHash is not null)
            return new(Decode(k.TokenMac, "TokenMac"), Decode(k.PhoneEncryption, "PhoneEncryption"), Decode(k.PhoneHash, "PhoneHash"))
            {
                PreviousTokenMac = k.PreviousTokenMac is null ? null : Decode(k.PreviousTokenMac, "PreviousTokenMac"),
                PreviousPhoneEncryption = k.PreviousPhoneEncryption is null ? null : Decode(k.PreviousPhoneEncryption, "PreviousPhoneEncryption"),
            };
        if (options.Mode == SurveysMode.Server)
            throw new InvalidOperationException(
                "Server mode needs Surveys:Keys:TokenMac, Surveys:Keys:PhoneEncryption and Surveys:Keys:PhoneHash " +
                "(base64 of 32 random bytes each, e.g. `openssl rand -base64 32`).");
        var database = Data.Db.SqliteFile(options, connectionString);
        var path = Path.Combine(database is null ? Path.GetFullPath(options.DataDirectory) : Path.GetDirectoryName(database)!, "keys.json");
        // New keys for an existing database would silently break every outstanding link and every
        // stored phone number: refuse, and say where the keys were expected.
        if (!File.Exists(path) && database is not null && File.Exists(database) && new FileInfo(database).Length > 0)
            throw new InvalidOperationException(
                $"The database {database} exists but its keys file {path} does not. Restore keys.json beside the database " +
                "(or configure Surveys:Keys:TokenMac, :PhoneEncryption and :PhoneHash); new keys would make every survey link and stored phone number unreadable.");
        return LoadOrCreateFile(path);
    }

    static SecretKeys LoadOrCreateFile(string path)
    {
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
            return new(Decode(stored["TokenMac"], "TokenMac"), Decode(stored["PhoneEncryption"], "PhoneEncryption"), Decode(stored["PhoneHash"], "PhoneHash"));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var keys = new SecretKeys(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["TokenMac"] = Convert.ToBase64String(keys.TokenMac),
            ["PhoneEncryption"] = Convert.ToBase64String(keys.PhoneEncryption),
            ["PhoneHash"] = Convert.ToBase64String(keys.PhoneHash),
        });
        // Write-then-rename so a crash never leaves a half-written key file behind.
        var temp = path + ".tmp";
        File.WriteAllText(temp, json);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: false);
        return keys;
    }

    static byte[] Decode(string base64, string name)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException($"Surveys:Keys:{name} is not valid base64."); }
        if (bytes.Length != 32) throw new InvalidOperationException($"Surveys:Keys:{name} must be 32 bytes (it is {bytes.Length}).");
        return bytes;
    }
}
