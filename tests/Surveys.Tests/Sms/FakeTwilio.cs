using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Surveys.Tests.Sms;

/// <summary>
/// Stands in for Twilio (the real one cannot be reached from here): a local HTTP server that
/// records every request to the Messages resource and checks it against Twilio's documented
/// format — POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP basic auth with the account
/// SID and auth token, form-encoded To (E.164), From (E.164) or MessagingServiceSid, Body (at
/// most 1,600 characters), optional StatusCallback (absolute URL) — answering as Twilio does:
/// 201 with the message resource, or an error object.
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = SmsApp.AuthToken;
    public const string From = "+18605550199";

    static readonly HashSet<string> Documented = ["To", "From", "MessagingServiceSid", "Body", "StatusCallback", "MediaUrl", "ContentSid",
        "ApplicationSid", "MaxPrice", "ProvideFeedback", "Attempt", "ValidityPeriod", "SmartEncoded", "ShortenUrls", "SendAt", "ScheduleType"];

    public sealed record Received(string To, string Body, string? StatusCallback, string Sid);

    readonly WebApplication _app;
    int _count;

    FakeTwilio(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<Received> Messages { get; } = new();
    /// <summary>Requests that reached the Messages resource, counted on arrival (before any latency).</summary>
    public int Requests => Volatile.Read(ref _count);
    public ConcurrentQueue<string> Violations { get; } = new();
    /// <summary>Given the 1-based request number, an error to answer instead: (HTTP status, Twilio error code).</summary>
    public Func<int, (int Status, int Code)?> Fail { get; set; } = _ => null;
    /// <summary>How long to take before answering (to keep requests in flight).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public Dictionary<string, string?> Settings() => new()
    {
        ["Surveys:Sms:Provider"] = "Twilio", ["Surveys:Sms:Twilio:BaseUrl"] = BaseUrl, ["Surveys:Sms:Twilio:AccountSid"] = AccountSid,
        ["Surveys:Sms:Twilio:AuthToken"] = AuthToken, ["Surveys:Sms:Twilio:From"] = From,
    };

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", (Delegate)fake.CreateAsync);
        app.MapFallback((HttpContext c) => fake.Reject(c, $"unexpected request {c.Request.Method} {c.Request.Path}"));
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    async Task<IResult> CreateAsync(string accountSid, HttpRequest request)
    {
        var n = Interlocked.Increment(ref _count);
        var problems = new List<string>();
        if (accountSid != AccountSid) problems.Add($"account {accountSid} in the path");
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (request.Headers.Authorization.ToString() != expectedAuth) return Reject(request.HttpContext, "missing or wrong basic auth", 401, 20003);
        if (!string.Equals(request.ContentType?.Split(';')[0], "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return Reject(request.HttpContext, $"content type {request.ContentType}");
        var form = await request.ReadFormAsync();
        foreach (var key in form.Keys.Where(k => !Documented.Contains(k))) problems.Add($"undocumented parameter {key}");
        var to = form["To"].ToString();
        var body = form["Body"].ToString();
        var callback = form["StatusCallback"].ToString();
        if (!E164().IsMatch(to)) problems.Add("To is not E.164");
        if (form["From"].ToString() != From && form["MessagingServiceSid"].Count == 0) problems.Add("From is not the account's number");
        if (body.Length is 0 or > 1600) problems.Add($"Body length {body.Length}");
        if (callback.Length > 0 && !Uri.TryCreate(callback, UriKind.Absolute, out _)) problems.Add("StatusCallback is not an absolute URL");
        if (problems.Count > 0) return Reject(request.HttpContext, string.Join("; ", problems), 400, 21602);

        if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
        if (Fail(n) is { } failure)
            return Results.Json(new { code = failure.Code, message = $"Simulated error for {to}", more_info = $"https://www.twilio.com/docs/errors/{failure.Code}", status = failure.Status },
                statusCode: failure.Status);
        var sid = "SM" + Guid.NewGuid().ToString("N");
        Messages.Enqueue(new Received(to, body, callback.Length == 0 ? null : callback, sid));
        return Results.Json(new
        {
            account_sid = AccountSid, api_version = "2010-04-01", body, date_created = DateTimeOffset.UtcNow.ToString("r"), direction = "outbound-api",
            error_code = (int?)null, error_message = (string?)null, from = From, messaging_service_sid = (string?)null, num_segments = "1",
            sid, status = "queued", to, uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json",
        }, statusCode: 201);
    }

    IResult Reject(HttpContext context, string problem, int status = 400, int code = 21602)
    {
        Violations.Enqueue(problem);
        return Results.Json(new { code, message = problem, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")] private static partial Regex E164();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
