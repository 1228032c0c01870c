using System.Security.Cryptography;
using System.Text;

namespace Surveys.Api.Sms;

/// <summary>
/// Twilio's documented request signature (twilio.com/docs/usage/security): the full URL Twilio
/// called, then every POST parameter sorted by name, each name followed by its value with no
/// separators; HMAC-SHA1 keyed with the account's auth token; base64. Twilio's own helper
/// libraries accept the URL with and without the scheme's default port, since Twilio's back end
/// signs either form, so this does too.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        // Ordinal order by name; a repeated name contributes each value, in value order.
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static bool IsValid(string authToken, string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken)) return false;
        var presented = Encoding.ASCII.GetBytes(signature);
        foreach (var candidate in UrlForms(url))
        {
            var expected = Encoding.ASCII.GetBytes(Compute(authToken, candidate, parameters));
            if (CryptographicOperations.FixedTimeEquals(expected, presented)) return true;
        }
        return false;
    }

    // The URL as given, plus the same URL with the scheme's default port added or removed.
    static IEnumerable<string> UrlForms(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort) yield break;
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        if (end < 0) end = url.Length;
        var authority = url[start..end];
        var port = $":{uri.Port}";
        if (authority.EndsWith(port, StringComparison.Ordinal)) yield return url.Remove(end - port.Length, port.Length);
        else if (!authority.Contains(':')) yield return url.Insert(end, port);
    }
}
