using System.Net;
using Surveys.Tests.Api;
using Surveys.Tests.StaffConsole;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.ProblemSolving;

/// <summary>The console's problem pages: open from the figures page, move stages, actions, the assessment block, another neighborhood refused.</summary>
public sealed class ProblemPagesTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    [Fact]
    public async Task A_lieutenant_opens_a_problem_from_the_figures_and_works_it_through_the_console()
    {
        var app = fixture.App;
        await NeighborhoodAsync(app, "N1");
        await NeighborhoodAsync(app, "N2");
        var console = await ConsoleSession.SignInAsync(app, await UserAsync(app, "lieutenant:N1"));
        Assert.Contains("/console/problems/new?neighborhood=N1&amp;item=voice", await console.PageAsync("/console/figures/N1"));
        var form = await console.PageAsync("/console/problems/new?neighborhood=N1&item=voice");
        Assert.Contains("value=\"N1\"", form);
        Assert.Contains("value=\"voice\" checked", form);

        var title = Unique("Speeding on Main ");
        var bad = await console.PostFormAsync("/console/problems/new", new() { ["neighborhood"] = "N1", ["title"] = title, ["description"] = "d", ["items"] = "happiness" }, "/console/problems/new");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var opened = await console.PostFormAsync("/console/problems/new",
            new() { ["neighborhood"] = "N1", ["title"] = title, ["description"] = "Residents say nobody listens.", ["items"] = "voice" }, "/console/problems/new");
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        var path = opened.Headers.Location!.OriginalString.Split('?')[0];
        var id = path[(path.LastIndexOf('/') + 1)..];
        Assert.Contains("Move to analysis", await console.PageAsync(path));

        Assert.Equal(HttpStatusCode.SeeOther, (await console.PostFormAsync($"{path}/stage", new() { ["stage"] = "analysis", ["note"] = "" }, path)).StatusCode);
        var back = await console.PostFormAsync($"{path}/stage", new() { ["stage"] = "scanning", ["note"] = "" }, path);
        Assert.EndsWith("m=not-allowed", back.Headers.Location!.OriginalString);
        Assert.Equal("analysis", await ScalarAsync<string>(app, "SELECT stage FROM problems WHERE id = @Id", new { Id = id }));
        Assert.Equal(HttpStatusCode.SeeOther, (await console.PostFormAsync($"{path}/stage", new() { ["stage"] = "response", ["note"] = "" }, path)).StatusCode);

        await console.PostFormAsync($"{path}/actions", new() { ["text"] = "Listening session at the library", ["owner"] = "Lt. Muñoz", ["dueOn"] = "2026-12-20" }, path);
        var action = await ScalarAsync<string>(app, "SELECT id FROM problem_actions WHERE problem_id = @Id", new { Id = id });
        await console.PostFormAsync($"{path}/actions/{action}/status", new() { ["status"] = "done" }, path);
        Assert.Equal("done", await ScalarAsync<string>(app, "SELECT status FROM problem_actions WHERE id = @Id", new { Id = action }));
        var page = await console.PageAsync(path);
        Assert.Contains("Too early to tell", page);
        Assert.Contains("id=\"assessment\"", page);
        Assert.Contains(title, await console.PageAsync("/console/problems?stage=response"));

        var other = await ProblemLifecycleTests.OpenAsync(app, Keys.Chief, "N2");
        Assert.Equal(HttpStatusCode.Forbidden, (await console.GetAsync($"/console/problems/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await console.PostFormAsync($"/console/problems/{other}/stage", new() { ["stage"] = "analysis", ["note"] = "" }, path)).StatusCode);
        Assert.DoesNotContain(other, await console.PageAsync("/console/problems"));
    }
}
