using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Surveys.Api.Hosting;
using Surveys.Sms;

namespace Surveys.Api.Sms;

/// <summary>
/// The provider's callbacks. No API key: Twilio's signature over Surveys:PublicBaseUrl + the path
/// and the sorted form fields is the credential, so anything unsigned or wrongly signed is 403
/// (and so is everything while no auth token is configured). Answers are TwiML.
/// </summary>
public static class SmsWebhooks
{
    public const string SignatureHeader = "X-Twilio-Signature";
    const int MaxFormBytes = 64 * 1024;

    public static void MapSmsWebhooks(this IEndpointRouteBuilder app)
    {
        // Twilio posts forms without antiforgery tokens; the signature is what protects these.
        var group = app.MapGroup("/sms").WithTags("SMS provider").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/inbound", Inbound);
        group.MapPost("/status", Status);
    }

    static async Task<IResult> Inbound(HttpRequest request, InboundMessages inbound, IOptions<SurveysOptions> options, ILoggerFactory logs)
    {
        var form = await SignedFormAsync(request, options.Value, logs);
        if (form is null) return Forbidden();
        return Twiml(await inbound.HandleAsync(form["From"].ToString(), form["Body"].ToString(), form["MessageSid"].ToString()));
    }

    static async Task<IResult> Status(HttpRequest request, DeliveryStatus statuses, IOptions<SurveysOptions> options, ILoggerFactory logs)
    {
        var form = await SignedFormAsync(request, options.Value, logs);
        if (form is null) return Forbidden();
        await statuses.RecordAsync(form["MessageSid"].ToString(), form["MessageStatus"].ToString(), form["ErrorCode"].ToString());
        return Twiml(null);
    }

    /// <summary>The form, when it carries a valid signature; otherwise null.</summary>
    static async Task<IFormCollection?> SignedFormAsync(HttpRequest request, SurveysOptions options, ILoggerFactory logs)
    {
        var authToken = options.Sms.Twilio.AuthToken;
        if (string.IsNullOrEmpty(authToken))
        {
            logs.CreateLogger(typeof(SmsWebhooks)).LogWarning("SMS callback refused: Surveys:Sms:Twilio:AuthToken is not configured");
            return null;
        }
        if (!request.HasFormContentType || request.ContentLength > MaxFormBytes) return null;
        IFormCollection form;
        try
        {
            form = await new FormFeature(request, new FormOptions { ValueLengthLimit = MaxFormBytes, ValueCountLimit = 256, MultipartBodyLengthLimit = MaxFormBytes })
                .ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException) { return null; } // over the limits: not something Twilio sends
        var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList();
        // Signed over the public URL we gave the provider, not whatever Host this request claims.
        var url = request.HttpContext.RequestServices.GetRequiredService<PublicUrl>().Base + request.Path + request.QueryString;
        return TwilioSignature.IsValid(authToken, url, fields, request.Headers[SignatureHeader].ToString()) ? form : null;
    }

    static IResult Forbidden() => Problems.Status(StatusCodes.Status403Forbidden, "Not signed by the SMS provider",
        $"The {SignatureHeader} header is missing or does not match this request.");

    static IResult Twiml(string? message)
    {
        var response = new XElement("Response");
        if (message is not null) response.Add(new XElement("Message", message));
        return Results.Content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + response.ToString(SaveOptions.DisableFormatting), "application/xml", Encoding.UTF8);
    }
}
