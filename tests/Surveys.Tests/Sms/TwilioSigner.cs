using System.Security.Cryptography;
using System.Text;

namespace Surveys.Tests.Sms;

/// <summary>
/// Signs as Twilio documents it (twilio.com/docs/usage/security), written here independently of
/// the code under test: the URL, then each POST parameter sorted by name, name and value
/// concatenated; HMAC-SHA1 with the auth token; base64.
/// </summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data)));
    }

    /// <summary>A callback as Twilio posts it: form-encoded, signed over the public URL of the path.</summary>
    public static HttpRequestMessage Request(string path, Dictionary<string, string> form, string publicBaseUrl = SmsApp.PublicBaseUrl,
        string authToken = SmsApp.AuthToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(authToken, publicBaseUrl + path, form));
        return request;
    }
}

public sealed class TwilioSignerTests
{
    [Fact]
    public void Signer_reproduces_the_example_in_Twilios_documentation()
    {
        // The worked example Twilio publishes (and its helper libraries test against).
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234",
            ["From"] = "+14158675309", ["To"] = "+18005551212",
        };
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSigner.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form));
    }
}
