using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Surveys.Data;
using Surveys.Security;

namespace Surveys.Api.Hosting;

/// <summary>
/// ASP.NET Data Protection keys (console cookies, antiforgery) in the database, table
/// data_protection_keys: every API process on the same database (replicas, restarts, Embedded
/// mode's single file) reads the same key ring. Each key is AES-GCM encrypted at rest with a key
/// derived from Surveys:Keys:TokenMac, so a database dump alone forges no console session.
/// </summary>
public static class KeyRing
{
    public static void AddSurveysKeyRing(this IServiceCollection services)
    {
        // One application name: the default (the content root path) differs between machines.
        services.AddDataProtection().SetApplicationName("Surveys");
        // Data Protection reads the key ring at start-up; the table may not exist yet then (the
        // worker migrates in Server mode). The first console request, behind the schema gate, reads it.
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(warmUp);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(s => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseXmlRepository(s.GetRequiredService<Db>());
            o.XmlEncryptor = new KeyEncryptor(s.GetRequiredService<SecretKeys>());
        }));
    }

    /// <summary>The wrapping keys, newest first: the current token MAC's, then the previous one's while it is kept.</summary>
    internal static IEnumerable<byte[]> WrappingKeys(SecretKeys keys) =>
        new[] { keys.TokenMac, keys.PreviousTokenMac }.OfType<byte[]>()
            .Select(k => HKDF.DeriveKey(HashAlgorithmName.SHA256, k, 32, info: "surveys data protection key ring"u8.ToArray()));

    sealed class DatabaseXmlRepository(Db db) : IXmlRepository
    {
        // Data Protection's interface is synchronous; these are a handful of small rows read rarely.
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var connection = db.OpenAsync().GetAwaiter().GetResult();
            return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at").Select(x => XElement.Parse(x)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var connection = db.OpenAsync().GetAwaiter().GetResult();
            connection.Execute("INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @Now) ON CONFLICT (name) DO NOTHING",
                new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        }
    }

    sealed class KeyEncryptor(SecretKeys keys) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var (nonce, tag, cipher) = (RandomNumberGenerator.GetBytes(12), new byte[16], new byte[plain.Length]);
            using (var aes = new AesGcm(WrappingKeys(keys).First(), 16)) aes.Encrypt(nonce, plain, cipher, tag);
            var element = new XElement("surveysEncryptedKey", new XComment(" AES-GCM; key derived from Surveys:Keys:TokenMac "),
                new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. cipher])));
            return new EncryptedXmlInfo(element, typeof(KeyDecryptor));
        }
    }
}

/// <summary>Created by Data Protection by type name (constructor taking the service provider).</summary>
public sealed class KeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var data = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        var (nonce, tag, cipher) = (data[..12], data[12..28], data[28..]);
        var plain = new byte[cipher.Length];
        foreach (var key in KeyRing.WrappingKeys(services.GetRequiredService<SecretKeys>()))
        {
            try
            {
                using var aes = new AesGcm(key, 16);
                aes.Decrypt(nonce, cipher, tag, plain);
                return XElement.Parse(Encoding.UTF8.GetString(plain));
            }
            catch (AuthenticationTagMismatchException) { } // wrapped under the other token MAC
        }
        throw new CryptographicException("A Data Protection key cannot be decrypted with Surveys:Keys:TokenMac (or PreviousTokenMac).");
    }
}
