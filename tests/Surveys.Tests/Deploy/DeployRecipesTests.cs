using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.Deploy;

/// <summary>The recipes that cannot run here (compose, Kubernetes, systemd) are at least parsed and checked.</summary>
public sealed class DeployRecipesTests
{
    [Fact]
    public async Task Compose_Kubernetes_systemd_Docker_and_nginx_recipes_parse_and_hang_together()
    {
        var result = await Shell.RunAsync("python3", [Path.Combine(Repo.Root, "deploy", "validate.py")], TimeSpan.FromMinutes(1), check: false);
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
    }
}
