using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Surveys.Api.Demo;

public static class DemoSetup
{
    public const string KeyFile = "demo-api-key.txt";

    /// <summary>
    /// --demo adds one API key with every role, generated once and kept in the data folder, so a
    /// newcomer can call every endpoint. Never used unless --demo is given.
    /// </summary>
    public static void AddDemoApiKey(WebApplicationBuilder builder)
    {
        var folder = builder.Configuration["Surveys:DataDirectory"] ?? "data";
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, KeyFile);
        if (!File.Exists(path)) File.WriteAllText(path, "demo-" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18)));
        var key = File.ReadAllText(path).Trim();
        var roles = new[] { "admin", "chief", "intake", "ia" };
        var settings = new Dictionary<string, string?> { ["Surveys:ApiKeys:99:Name"] = "demo", ["Surveys:ApiKeys:99:Key"] = key };
        for (var i = 0; i < roles.Length; i++) settings[$"Surveys:ApiKeys:99:Roles:{i}"] = roles[i];
        builder.Configuration.AddInMemoryCollection(settings);
    }

    /// <summary>
    /// The seeding, and the monthly job held back until it is done: a month judged before the demo's
    /// contacts exist would be written as final with nothing in it. In Server mode the job runs in
    /// the worker, which this cannot hold: start the worker after the demo has said it is ready.
    /// </summary>
    public static void AddDemoSeeding(IServiceCollection services)
    {
        services.AddSingleton(new Surveys.Processing.Reports.ReportJobGate(held: true));
        services.AddHostedService<DemoSeeder>();
    }

    public static string? Key(string dataDirectory) =>
        File.Exists(Path.Combine(dataDirectory, KeyFile)) ? File.ReadAllText(Path.Combine(dataDirectory, KeyFile)).Trim() : null;
}
