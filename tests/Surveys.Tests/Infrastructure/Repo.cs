namespace Surveys.Tests.Infrastructure;

public static class Repo
{
    /// <summary>The checkout the tests were built from (for deploy/ scripts and recipes).</summary>
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Surveys.sln"))) return d.FullName;
        throw new InvalidOperationException($"No Surveys.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
