using System.Net;
using System.Text.Json;
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

    [Fact]
    public async Task The_openapi_document_describes_every_problems_endpoint_with_its_statuses()
    {
        var doc = JsonDocument.Parse(await fixture.App.Client().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var (path, method, statuses) in new[]
        {
            ("/api/v1/problems", "post", new[] { "201", "400", "401", "403", "422" }),
            ("/api/v1/problems", "get", ["200", "400", "403"]),
            ("/api/v1/problems/{id}", "get", ["200", "403", "404"]),
            ("/api/v1/problems/{id}/stage", "post", ["200", "400", "404", "409"]),
            ("/api/v1/problems/{id}/actions", "post", ["201", "400", "409"]),
            ("/api/v1/problems/{id}/actions/{actionId}/status", "post", ["200", "400", "409"]),
            ("/api/v1/problems/{id}/public-title", "post", ["200", "403", "422"]),
        })
        {
            var operation = doc.GetProperty(path).GetProperty(method);
            Assert.True(operation.TryGetProperty("summary", out _), $"{method} {path}");
            foreach (var status in statuses) Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"{method} {path} {status}");
            if (method == "post") Assert.True(operation.TryGetProperty("requestBody", out _), $"{method} {path} body");
        }
    }
}
