using System.Reflection;

namespace Surveys.Tests.Infrastructure;

/// <summary>
/// Keeps the fast loop honest: a class that uses real servers must say so ([RequiresServers]), or
/// `--filter Category!=Servers` would start PostgreSQL and RabbitMQ after all; and its tests must
/// be [ServerFact]/[ServerTheory], or a machine without the servers fails instead of skipping.
/// </summary>
public sealed class TestSuiteShapeTests
{
    static readonly Type[] ServerFixtures = [typeof(ServersFixture), typeof(Browser.BrowserFixture)];

    static IEnumerable<Type> TestClasses() => typeof(TestSuiteShapeTests).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(true).Any()));

    static bool UsesServers(Type t) =>
        t.GetCustomAttributes<CollectionAttribute>().Any()
        || t.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => ServerFixtures.Contains(p.ParameterType));

    [Fact]
    public void Every_class_that_uses_real_servers_is_marked_and_only_those_are()
    {
        var unmarked = TestClasses().Where(t => UsesServers(t) && t.GetCustomAttribute<RequiresServersAttribute>() is null).Select(t => t.Name).ToList();
        Assert.Empty(unmarked);
        Assert.Contains(TestClasses(), t => t.GetCustomAttribute<RequiresServersAttribute>() is not null); // the check above saw some
    }

    [Fact]
    public void Every_test_of_a_server_class_skips_or_fails_by_the_servers_rule()
    {
        var plain = TestClasses().Where(t => t.GetCustomAttribute<RequiresServersAttribute>() is not null)
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>(true).Any(a => a is not ServerFactAttribute and not ServerTheoryAttribute and not Faults.SoakFactAttribute))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToList();
        Assert.Empty(plain);
    }
}
