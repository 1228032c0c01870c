using Microsoft.Extensions.Configuration;

namespace Surveys.Processing.Flags;

/// <summary>
/// The lexicons in force: the embedded ones (Lexicons/*.json), each replaced by an agency's file of
/// the same language (or joined by a new language) found at Surveys:Flags:LexiconPath, a file or a
/// folder of *.json files. Every lexicon is applied to every comment: residents write in either language.
/// </summary>
public sealed class LexiconSet(IReadOnlyList<Lexicon> lexicons)
{
    public const string PathKey = "Surveys:Flags:LexiconPath";

    public IReadOnlyList<Lexicon> Lexicons { get; } = lexicons;

    /// <summary>"en:2026.1 es:2026.1": which lexicon versions a rule ran with.</summary>
    public string Versions => string.Join(' ', Lexicons.Select(l => $"{l.Language}:{l.Version}"));

    static readonly Lazy<LexiconSet> Configured = new(() => Load(ConfiguredPath()));

    /// <summary>
    /// Loaded once per process, on first use. A broken override file fails every batch loudly (the
    /// messages wait in the retry and error queues) rather than flagging with the wrong words.
    /// </summary>
    public static LexiconSet Current => Configured.Value;

    public static LexiconSet Load(string? overridePath)
    {
        var byLanguage = Embedded().ToDictionary(l => l.Language, StringComparer.OrdinalIgnoreCase);
        foreach (var file in OverrideFiles(overridePath))
        {
            var lexicon = Lexicon.Parse(File.ReadAllText(file), file);
            byLanguage[lexicon.Language] = lexicon;
        }
        return new LexiconSet(byLanguage.Values.OrderBy(l => l.Language, StringComparer.Ordinal).ToList());
    }

    static IEnumerable<Lexicon> Embedded()
    {
        var assembly = typeof(LexiconSet).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Flags.Lexicons.", StringComparison.Ordinal)).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return Lexicon.Parse(reader.ReadToEnd(), name);
        }
    }

    static IEnumerable<string> OverrideFiles(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return [];
        if (Directory.Exists(path)) return Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal);
        if (File.Exists(path)) return [path];
        throw new FileNotFoundException($"{PathKey} names '{path}', which is neither a file nor a folder.");
    }

    // The worker's consumers are wired by the hosts; this reads the same standard sources they do
    // (appsettings.json, environment, command line), so the setting works in either host.
    static string? ConfiguredPath()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder();
        foreach (var folder in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }.Distinct())
            builder.AddJsonFile(Path.Combine(folder, "appsettings.json"), optional: true)
                .AddJsonFile(Path.Combine(folder, $"appsettings.{environment}.json"), optional: true);
        builder.AddEnvironmentVariables();
        var withoutArgs = builder.Build()[PathKey];
        // Hosts strip switches of their own (--demo, migrate) before parsing; tolerate what they tolerate.
        try { return builder.AddCommandLine(Environment.GetCommandLineArgs().Skip(1).ToArray()).Build()[PathKey]; }
        catch (FormatException) { return withoutArgs; }
    }
}
