using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Surveys.Processing.Sms;

/// <summary>
/// Twilio's Messages resource (or any API that speaks it): POST
/// {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From (or
/// MessagingServiceSid), Body and StatusCallback, HTTP basic auth with the account SID and auth
/// token; 201 returns the message with its "sid", an error returns {"code", "message", …}.
/// </summary>
public sealed class TwilioSmsSender(IHttpClientFactory clients, IOptions<SurveysOptions> options) : ISmsSender
{
    public const string HttpClientName = "twilio";
    /// <summary>Twilio: "Attempt to send to unsubscribed recipient".</summary>
    public const int UnsubscribedRecipient = 21610;

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken ct = default)
    {
        var t = options.Value.Sms.Twilio;
        var form = new List<KeyValuePair<string, string>> { new("To", message.To) };
        form.Add(string.IsNullOrEmpty(t.MessagingServiceSid) ? new("From", t.From!) : new("MessagingServiceSid", t.MessagingServiceSid));
        form.Add(new("Body", message.Body));
        if (message.StatusCallback is not null) form.Add(new("StatusCallback", message.StatusCallback));

        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{t.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(t.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{t.AccountSid}:{t.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try { response = await clients.CreateClient(HttpClientName).SendAsync(request, ct); }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                                             or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            return new SmsSendResult(SmsOutcome.RetryLater, Error: $"provider unreachable ({e.HttpRequestError})");
        }
        catch (HttpRequestException e)
        {
            return new SmsSendResult(SmsOutcome.Unknown, Error: $"no answer from the provider ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SmsSendResult(SmsOutcome.Unknown, Error: "provider timed out");
        }

        using (response)
        {
            var (sid, code) = await ReadAsync(response, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode && sid is not null) return new SmsSendResult(SmsOutcome.Sent, sid);
            var error = code is null ? $"HTTP {status}" : $"HTTP {status}, provider error {code}";
            return response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => new SmsSendResult(SmsOutcome.Unknown, Error: $"HTTP {status} without a message sid"),
                // Throttled or unavailable: Twilio did not take the message.
                HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable =>
                    new SmsSendResult(SmsOutcome.RetryLater, Error: error),
                // A gateway may have passed the request on before failing: the outcome is unknown.
                HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => new SmsSendResult(SmsOutcome.Unknown, Error: error),
                _ => new SmsSendResult(SmsOutcome.Failed, Error: error, RecipientOptedOut: code == UnsubscribedRecipient),
            };
        }
    }

    // Only "sid" and "code" are read: the rest (and Twilio's error text) can echo the number.
    static async Task<(string? Sid, int? Code)> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = json.RootElement;
            var sid = root.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            return (sid, code);
        }
        catch (JsonException) { return (null, null); }
    }
}
