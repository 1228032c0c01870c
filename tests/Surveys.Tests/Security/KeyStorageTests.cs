using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.StaffConsole;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Security;

/// <summary>
/// Issue 10, item 8: Embedded mode's keys.json lives beside the database wherever the process
/// starts, a database without its keys refuses to start, and the console's Data Protection keys
/// are shared (encrypted) through the database, so a cookie from one API process works on another.
/// </summary>
public sealed class KeyStorageTests
{
    /// <summary>Embedded settings without configured secrets: the keys come from keys.json.</summary>
    static Dictionary<string, string?> FileKeyed(string database, string dataDirectory)
    {
        var s = Keys.Settings();
        foreach (var k in s.Keys.Where(k => k.StartsWith("Surveys:Keys:", StringComparison.Ordinal)).ToList()) s.Remove(k);
        s["ConnectionStrings:Surveys"] = $"Data Source={database}";
        s["Surveys:DataDirectory"] = dataDirectory;
        return s;
    }

    [Fact]
    public async Task Keys_are_kept_beside_the_database_not_under_the_data_directory_and_a_database_without_them_refuses_to_start()
    {
        var root = Directory.CreateTempSubdirectory("surveys-keys-").FullName;
        var (databaseFolder, elsewhere) = (Directory.CreateDirectory(Path.Combine(root, "db")).FullName, Path.Combine(root, "elsewhere"));
        var database = Path.Combine(databaseFolder, "surveys.db");
        await using (var app = new SurveysApp(FileKeyed(database, elsewhere))) await app.WaitReadyAsync();
        Assert.True(File.Exists(Path.Combine(databaseFolder, "keys.json")));
        Assert.False(File.Exists(Path.Combine(elsewhere, "keys.json")));

        File.Delete(Path.Combine(databaseFolder, "keys.json"));
        await using var restarted = new SurveysApp(FileKeyed(database, elsewhere));
        var e = Assert.ThrowsAny<Exception>(() => restarted.Client());
        Assert.Contains("keys.json", e.ToString());
        Assert.False(File.Exists(Path.Combine(databaseFolder, "keys.json"))); // no new keys were made up
    }

    [Fact]
    public async Task A_console_cookie_from_one_api_process_works_on_another_over_the_same_database()
    {
        var settings = Keys.Settings();
        settings["Surveys:DataDirectory"] = Directory.CreateTempSubdirectory("surveys-shared-").FullName;
        await using var first = new SurveysApp(settings);
        await using var second = new SurveysApp(new Dictionary<string, string?>(settings));
        await first.WaitReadyAsync();
        await second.WaitReadyAsync();
        var user = await UserAsync(first, "ia");
        var response = await ConsoleSession.Anonymous(first.Factory).SignInAttemptAsync(user, Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-surveys-console=", StringComparison.Ordinal)).Split(';')[0];

        var other = second.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/console/flags")).StatusCode);

        // At rest the key ring is ciphertext: no Data Protection master key in clear in the database.
        var stored = await ScalarAsync<string>(first, "SELECT xml FROM data_protection_keys LIMIT 1");
        Assert.Contains("surveysEncryptedKey", stored);
        Assert.DoesNotContain("masterKey", stored);
    }
}
