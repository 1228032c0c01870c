using System.Net;
using System.Net.Http.Json;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.StaffConsole;

/// <summary>Issue 10, items 2, 6 and 7 in the console: returnUrl, opt-outs, case-variant codes, bidi text.</summary>
public sealed class ConsoleInputTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    SurveysApp App => fixture.App;

    [Theory]
    [InlineData("/console\r\nSet-Cookie: x=1")]
    [InlineData("/console/flags\u0000")]
    [InlineData("/console/é")]
    public async Task Sign_in_with_a_return_url_that_cannot_be_a_Location_is_400_and_signs_nobody_in(string returnUrl)
    {
        var user = await UserAsync(App, "ia");
        var anonymous = ConsoleSession.Anonymous(App.Factory);
        var post = await anonymous.PostFormAsync("/console/sign-in", new() { ["username"] = user, ["password"] = Password, ["returnUrl"] = returnUrl }, formPage: "/console/sign-in");
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/console")).StatusCode);

        var signedIn = await ConsoleSession.SignInAsync(App, user);
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.GetAsync($"/console/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await signedIn.GetAsync("/console/sign-in?returnUrl=/console/flags")).StatusCode);
    }

    [Fact]
    public async Task Console_opt_out_with_a_trailing_newline_opts_out_the_number_itself()
    {
        var admin = await ConsoleSession.SignInAsync(App, await UserAsync(App, "admin"));
        var phone = $"+1555{Random.Shared.Next(10_000_000):D7}";
        var post = await admin.PostFormAsync("/console/admin/exclusions/opt-out", new() { ["phone"] = phone + "\r\n" }, formPage: "/console/admin/exclusions");
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        var nb = await NeighborhoodAsync(App);
        var contact = await Surveys.Tests.Flags.FlagScenario.Api(App, Keys.Intake).PostAsJsonAsync("/api/v1/contacts", new
        {
            externalId = Unique("OPT-"), occurredAt = DateTimeOffset.UtcNow.AddHours(-1), neighborhood = nb, contactType = "traffic-stop", phone,
        });
        Assert.Equal("opted-out", (await contact.Content.ReadFromJsonAsync<Dictionary<string, string?>>())!["status"]);
    }

    [Fact]
    public async Task Console_refuses_a_neighborhood_code_differing_only_in_case_and_keeps_the_stored_one()
    {
        var code = await NeighborhoodAsync(App);
        var admin = await ConsoleSession.SignInAsync(App, await UserAsync(App, "admin"));
        var post = await admin.PostFormAsync("/console/admin/neighborhoods", new() { ["code"] = code.ToLowerInvariant(), ["name"] = "Renamed" }, formPage: "/console/admin/neighborhoods");
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        var page = await admin.PageAsync(post.Headers.Location!.OriginalString);
        Assert.Contains("differs only in case", page);
        Assert.Equal(0L, await ScalarAsync<long>(App, "SELECT COUNT(*) FROM neighborhoods WHERE name = 'Renamed' AND lower(code) = lower(@Code)", new { Code = code }));
    }

    [Fact]
    public async Task Bidi_override_in_a_comment_is_shown_as_a_visible_marker_on_the_flag_page()
    {
        var contactId = await RespondAsync(App, await NeighborhoodAsync(App), new { overall = 1 }, "Refund \u202Etxt.exe please", complaint: true);
        string? flagId = null;
        await Eventually.TrueAsync(async () => (flagId = await FlagIdAsync(App, contactId, "ia")) is not null, TimeSpan.FromSeconds(30), "IA flag");
        var ia = await ConsoleSession.SignInAsync(App, await UserAsync(App, "ia"));
        var html = await ia.PageAsync($"/console/flags/{flagId}");
        Assert.Contains("Refund [U+202E]txt.exe please", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("&#x202E;", html);
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_refuses_a_display_name_with_a_control_character_and_creates_no_user()
    {
        var admin = await ConsoleSession.SignInAsync(App, await UserAsync(App, "admin"));
        var username = Unique("esc");
        var post = await admin.PostFormAsync("/console/admin/users", new() { ["username"] = username, ["displayName"] = "Ana\u001bMuñoz", ["roles"] = "ia", ["password"] = Password },
            formPage: "/console/admin/users");
        Assert.Equal("/console/admin/users?m=name", post.Headers.Location?.OriginalString);
        Assert.Equal(0L, await ScalarAsync<long>(App, "SELECT COUNT(*) FROM users WHERE username = @U", new { U = username }));
    }
}
