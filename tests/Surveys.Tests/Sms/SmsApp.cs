using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Surveys.Data;
using Surveys.Security;
using Surveys.Tests.Infrastructure;
using Surveys.Processing.Sms;

namespace Surveys.Tests.Sms;

/// <summary>
/// The API in Embedded mode (SQLite, in-memory bus, the SMS scheduler in process) on a clock the
/// test controls, configured only through the contract's keys.
/// </summary>
public sealed class SmsApp : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://survey.example.gov";
    public const string AuthToken = "test-auth-token-0123456789abcdef";

    SmsApp(WebApplicationFactory<Program> factory, ManualClock clock) => (Factory, Clock) = (factory, clock);

    public WebApplicationFactory<Program> Factory { get; }
    public ManualClock Clock { get; }

    public static async Task<SmsApp> StartAsync(DateTimeOffset now, Dictionary<string, string?>? overrides = null)
    {
        var settings = Keys.Settings();
        settings["Surveys:DataDirectory"] = Directory.CreateTempSubdirectory("surveys-sms-").FullName;
        settings["Surveys:PublicBaseUrl"] = PublicBaseUrl;
        settings["Surveys:AgencyName"] = "Eastham Police";
        settings["Surveys:Sms:Twilio:AuthToken"] = AuthToken;
        // The background loop ticks once at start-up; the tests drive every later tick themselves.
        settings["Surveys:Sms:PollInterval"] = "01:00:00";
        foreach (var (k, v) in overrides ?? []) settings[k] = v;
        var clock = new ManualClock(now);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var app = new SmsApp(factory, clock);
        var client = app.Client();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "API ready");
        return app;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public Task<int> DispatchAsync() => Service<SmsDispatcher>().RunOnceAsync();

    static int _sequence = Random.Shared.Next(1_000_000);
    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence)}";
    public static string UniquePhone() => $"+1555{Interlocked.Increment(ref _sequence) % 10_000_000:D7}";

    public async Task<string> NeighborhoodAsync()
    {
        var code = Unique("S");
        var response = await Client(Keys.Admin).PutAsJsonAsync($"/api/v1/neighborhoods/{code}", new { name = $"Test {code}" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return code;
    }

    public sealed record Contact(string ContactId, string Status, string? SurveyUrl);

    public async Task<Contact> ContactAsync(string neighborhood, DateTimeOffset occurredAt, string phone, string language = "en")
    {
        var response = await Client(Keys.Intake).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = Unique("SMS-"), occurredAt, neighborhood, contactType = "call-for-service", officers = new[] { "7001" }, phone, language,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Contact>())!;
    }

    public sealed class SmsRow
    {
        public string? SmsStatus { get; set; }
        public string? SmsSid { get; set; }
        public long SmsAttempts { get; set; }
        public long? SmsNextAt { get; set; }
        public string? SmsDelivery { get; set; }
        public string? SmsError { get; set; }
        public string? SmsMode { get; set; }
        public string? PhoneEnc { get; set; }
        public string PhoneHash { get; set; } = "";
    }

    public async Task<SmsRow> RowAsync(string contactId)
    {
        await using var connection = await Service<Db>().OpenAsync();
        return await connection.QuerySingleAsync<SmsRow>("""
            SELECT sms_status AS SmsStatus, sms_sid AS SmsSid, sms_attempts AS SmsAttempts, sms_next_at AS SmsNextAt, sms_delivery AS SmsDelivery,
                   sms_error AS SmsError, sms_mode AS SmsMode, phone_enc AS PhoneEnc, phone_hash AS PhoneHash
            FROM contacts WHERE id = @Id
            """, new { Id = contactId });
    }

    /// <summary>The Outbox provider's messages to <paramref name="phone"/>, oldest first.</summary>
    public async Task<List<string>> OutboxAsync(string phone)
    {
        await using var connection = await Service<Db>().OpenAsync();
        return (await connection.QueryAsync<string>("SELECT body FROM sms_outbox WHERE to_hash = @Hash ORDER BY created_at, sid",
            new { Hash = Service<PhoneProtector>().Hash(phone) })).ToList();
    }

    public async Task<List<string>> EventsAsync(string contactId)
    {
        await using var connection = await Service<Db>().OpenAsync();
        return (await connection.QueryAsync<string>("SELECT kind FROM sms_events WHERE contact_id = @Id ORDER BY at, id", new { Id = contactId })).ToList();
    }

    /// <summary>Posts a callback the way Twilio does: form-encoded and signed over the public URL.</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string path, Dictionary<string, string> form, string? authToken = AuthToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (authToken is not null) request.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(authToken, PublicBaseUrl + path, form));
        return await Client().SendAsync(request);
    }

    /// <summary>A resident's text to the agency's number; returns the TwiML reply's message, or null for none.</summary>
    public async Task<string?> TextAsync(string from, string body)
    {
        var response = await PostSignedAsync("/sms/inbound", new()
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = from,
            ["To"] = FakeTwilio.From, ["Body"] = body, ["NumMedia"] = "0", ["NumSegments"] = "1", ["ApiVersion"] = "2010-04-01",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Response", twiml.Root!.Name.LocalName);
        var messages = twiml.Root.Elements("Message").Select(m => m.Value).ToList();
        Assert.True(messages.Count <= 1, "at most one reply per text");
        return messages.SingleOrDefault();
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
