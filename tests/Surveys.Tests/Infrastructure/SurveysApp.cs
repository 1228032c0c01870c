using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Surveys.Tests.Infrastructure;

/// <summary>API keys every test app is configured with, one per role (and one with none).</summary>
public static class Keys
{
    public const string Admin = "key-admin", Intake = "key-intake", Chief = "key-chief", Ia = "key-ia", LieutenantN1 = "key-lt-n1", NoRole = "key-none";

    public static Dictionary<string, string?> Settings()
    {
        var s = new Dictionary<string, string?>();
        var keys = new (string Key, string Role)[] { (Admin, "admin"), (Intake, "intake"), (Chief, "chief"), (Ia, "ia"), (LieutenantN1, "lieutenant:N1"), (NoRole, "") };
        for (var i = 0; i < keys.Length; i++)
        {
            s[$"Surveys:ApiKeys:{i}:Name"] = keys[i].Key;
            s[$"Surveys:ApiKeys:{i}:Key"] = keys[i].Key;
            if (keys[i].Role != "") s[$"Surveys:ApiKeys:{i}:Roles:0"] = keys[i].Role;
        }
        // Fixed secrets so an out-of-process worker shares them with the in-process API.
        s["Surveys:Keys:TokenMac"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        s["Surveys:Keys:PhoneEncryption"] = Convert.ToBase64String(Enumerable.Range(33, 32).Select(i => (byte)i).ToArray());
        s["Surveys:Keys:PhoneHash"] = Convert.ToBase64String(Enumerable.Range(65, 32).Select(i => (byte)i).ToArray());
        s["Surveys:ResidentRateLimit:PermitsPerMinute"] = "100000";
        s["Surveys:Console:SignInLimit:PerAddress"] = "100000";
        s["Surveys:Console:SignInLimit:PerUsername"] = "100000";
        // Test hosts log warnings only: the suite's output stays readable (and CI's log small).
        s["Logging:LogLevel:Default"] = "Warning";
        s["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None";
        return s;
    }
}

/// <summary>The API through WebApplicationFactory, configured only through standard configuration keys.</summary>
public class SurveysApp : IAsyncDisposable
{
    /// <param name="clock">The service's clock, for data that must sit in a fixed month (default: the real one).</param>
    public SurveysApp(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        Settings = settings;
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (clock is not null) b.ConfigureTestServices(s => s.AddSingleton(clock));
        });
    }

    public Dictionary<string, string?> Settings { get; }
    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client(string? apiKey = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>Waits until /health/ready answers 200 (schema current, bus connected).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var client = Client();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, timeout ?? TimeSpan.FromSeconds(60), "API ready");
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public static SurveysApp Embedded(Dictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var settings = Keys.Settings();
        settings["Surveys:DataDirectory"] = Directory.CreateTempSubdirectory("surveys-embedded-").FullName;
        foreach (var (k, v) in overrides ?? []) settings[k] = v;
        return new SurveysApp(settings, clock);
    }
}

public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // A dependency restarting under the test (broken pooled connection, refused socket) is
            // a "not yet", not a failure: keep polling until the deadline.
            try { if (await condition()) return; }
            catch (Exception e) when (e is HttpRequestException or System.Data.Common.DbException or System.Net.Sockets.SocketException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
