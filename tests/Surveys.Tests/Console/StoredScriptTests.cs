using System.Net.Http.Json;
using System.Text.Json;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.StaffConsole;

/// <summary>A resident's comment is data: script in it is shown as text in the console and never executed.</summary>
public sealed class StoredScriptTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    public const string Script = "He hit me. <script>alert('xss')</script><img src=x onerror=\"alert(1)\"> \"quoted\" & done";

    [Fact]
    public async Task Script_in_a_comment_is_shown_as_text_in_the_console_and_escaped_in_the_API()
    {
        var app = fixture.App;
        var badge = Unique("B");
        await OfficerAsync(app, badge, "<b>Officer</b> Name");
        var contact = await RespondAsync(app, await NeighborhoodAsync(app), new { overall = 1 }, Script, complaint: true, officers: [badge]);
        var id = (await FlagIdAsync(app, contact, "ia"))!;
        var session = await ConsoleSession.SignInAsync(app, await UserAsync(app, "ia"));
        await session.PostFormAsync($"/console/flags/{id}/notes", new() { ["text"] = "<script>alert('note')</script>" }, $"/console/flags/{id}");

        var html = await session.PageAsync($"/console/flags/{id}");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Officer", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;", html);
        var list = await session.PageAsync("/console/flags");
        Assert.DoesNotContain("<script", list, StringComparison.OrdinalIgnoreCase);

        var raw = await (await app.Client(Keys.Ia).GetAsync($"/api/v1/flags/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Script, JsonDocument.Parse(raw).RootElement.GetProperty("response").GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Console_pages_forbid_inline_script_and_framing()
    {
        var session = ConsoleSession.Anonymous(fixture.App.Factory);
        var response = await session.GetAsync("/console/sign-in");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
    }
}
