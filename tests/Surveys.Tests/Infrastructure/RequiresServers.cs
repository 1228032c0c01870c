using Xunit.Abstractions;
using Xunit.Sdk;

namespace Surveys.Tests.Infrastructure;

/// <summary>
/// Marks a test class that needs real servers (PostgreSQL, RabbitMQ, Chromium): trait
/// <c>Category=Servers</c>, left out of the fast loop by <c>--filter Category!=Servers</c>. Its
/// tests use <see cref="ServerFactAttribute"/>/<see cref="ServerTheoryAttribute"/>: skipped on a
/// machine without the servers, but failed, never skipped, when <c>SURVEYS_REQUIRE_SERVERS=1</c>
/// (CI and scripts/test.sh), so a missing install can never pass as green.
/// </summary>
[TraitDiscoverer("Surveys.Tests.Infrastructure.RequiresServersTraitDiscoverer", "Surveys.Tests")]
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresServersAttribute : Attribute, ITraitAttribute;

public sealed class RequiresServersTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new("Category", "Servers")];
}

[XunitTestCaseDiscoverer("Surveys.Tests.Infrastructure.ServerFactDiscoverer", "Surveys.Tests")]
public sealed class ServerFactAttribute : FactAttribute;

[XunitTestCaseDiscoverer("Surveys.Tests.Infrastructure.ServerTheoryDiscoverer", "Surveys.Tests")]
public sealed class ServerTheoryAttribute : TheoryAttribute;

public static class ServerPrerequisites
{
    public static bool Required => Environment.GetEnvironmentVariable("SURVEYS_REQUIRE_SERVERS") == "1";

    /// <summary>Why this machine cannot run server tests, or null when it can.</summary>
    public static string? Missing()
    {
        var missing = new List<string>();
        if (!Directory.Exists("/usr/lib/postgresql") || !Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb"))))
            missing.Add("PostgreSQL");
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server")) missing.Add("RabbitMQ");
        if (!File.Exists("/usr/bin/chromium")) missing.Add("Chromium");
        return missing.Count == 0 ? null
            : $"{string.Join(", ", missing)} not installed (`bash scripts/test.sh` installs them; SURVEYS_REQUIRE_SERVERS=1 fails instead of skipping)";
    }

    /// <summary>Skip when the class needs servers, they are missing, and the run does not require them.</summary>
    public static string? SkipReason(ITestMethod method) =>
        !Required && method.TestClass.Class.GetCustomAttributes(typeof(RequiresServersAttribute)).Any() ? Missing() : null;
}

public sealed class ServerFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        ServerPrerequisites.SkipReason(method) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)]
            : base.Discover(options, method, attribute);
}

public sealed class ServerTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        ServerPrerequisites.SkipReason(method) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)]
            : base.Discover(options, method, attribute);
}
