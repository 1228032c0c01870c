using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Surveys.Api.Users;
using Surveys.Data;
using Surveys.Tests.Api;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.StaffConsole;

/// <summary>A clock the test moves by hand (lockout and idle timeout are about minutes, not test time).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class SignInTests(EmbeddedAppFixture fixture) : IClassFixture<EmbeddedAppFixture>
{
    SurveysApp App => fixture.App;

    (WebApplicationFactory<Program> Factory, ManualClock Clock) Clocked()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        return (App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))), clock);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_ten_minutes_and_every_attempt_is_audited()
    {
        var (factory, clock) = Clocked();
        var user = await UserAsync(App, "ia");
        var session = ConsoleSession.Anonymous(factory);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await session.SignInAttemptAsync(user, "wrong password " + i)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.SignInAttemptAsync(user, Password)).StatusCode);
        clock.Now = clock.Now.AddMinutes(9);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.SignInAttemptAsync(user, Password)).StatusCode);
        clock.Now = clock.Now.AddMinutes(1).AddSeconds(1);
        Assert.Equal(HttpStatusCode.SeeOther, (await session.SignInAttemptAsync(user, Password)).StatusCode);

        var audit = (await AuditAsync(App, user)).Where(a => a.Action == "signin").Select(a => a.Outcome).ToList();
        Assert.Equal([.. Enumerable.Repeat("failure", 7), "success"], audit);
        var details = await ScalarAsync<long>(App, "SELECT COUNT(*) FROM audit_log WHERE target = @User AND detail = 'locked out'", new { User = user });
        Assert.Equal(3L, details); // the fifth failure locks; two more attempts while locked
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_lockout_read_the_same()
    {
        var user = await UserAsync(App, "chief");
        var session = ConsoleSession.Anonymous(App.Factory);
        var unknown = await (await session.SignInAttemptAsync("nobody-" + user, Password)).Content.ReadAsStringAsync();
        var wrong = await (await session.SignInAttemptAsync(user, "not the password")).Content.ReadAsStringAsync();
        Assert.Equal(Strip(unknown), Strip(wrong));
        Assert.Contains(await AuditAsync(App, "nobody-" + user), a => a is { Action: "signin", Outcome: "failure" });
    }

    [Fact]
    public async Task Session_cookie_is_secure_http_only_same_site_strict_and_sign_out_ends_it()
    {
        var user = await UserAsync(App, "ia");
        var session = ConsoleSession.Anonymous(App.Factory);
        var response = await session.SignInAttemptAsync(user, Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-surveys-console=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie: gone with the browser

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/console/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await session.PostFormAsync("/console/sign-out", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/console/flags")).StatusCode);
        Assert.Contains(await AuditAsync(App, user), a => a.Action == "signout");
    }

    [Fact]
    public async Task Session_ends_after_thirty_idle_minutes_but_not_while_in_use()
    {
        var (factory, clock) = Clocked();
        var session = await ConsoleSession.SignInAsync(factory, await UserAsync(App, "ia"));
        foreach (var minutes in new[] { 20, 29, 29 })
        {
            clock.Now = clock.Now.AddMinutes(minutes);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/console/flags")).StatusCode);
        }
        clock.Now = clock.Now.AddMinutes(31);
        var expired = await session.GetAsync("/console/flags");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/console/sign-in", expired.Headers.Location!.OriginalString); // relative: never built from the Host header
    }

    [Fact]
    public async Task Forms_without_a_valid_antiforgery_token_are_refused()
    {
        var contact = await RespondAsync(App, await NeighborhoodAsync(App), new { overall = 3 }, null, complaint: true);
        var flag = (await FlagIdAsync(App, contact, "ia"))!;
        var session = await ConsoleSession.SignInAsync(App, await UserAsync(App, "ia"));
        var bare = await session.Client.PostAsync($"/console/flags/{flag}/notes", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var other = await ConsoleSession.SignInAsync(App, await UserAsync(App, "ia"));
        var page = await other.PageAsync($"/console/flags/{flag}");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var stolen = await session.Client.PostAsync($"/console/flags/{flag}/notes",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "forged", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>(App, "SELECT COUNT(*) FROM flag_notes WHERE flag_id = @Id", new { Id = flag }));
    }

    [Fact]
    public async Task Changing_roles_or_disabling_a_user_ends_their_open_sessions()
    {
        var user = await UserAsync(App, "ia");
        var session = await ConsoleSession.SignInAsync(App, user);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/console/flags")).StatusCode);
        var admin = await ConsoleSession.SignInAsync(App, await UserAsync(App, "admin"));
        await using (var connection = await App.Service<Db>().OpenAsync())
        {
            var id = (await UserStore.FindAsync(connection, user))!.Id;
            Assert.Equal(HttpStatusCode.SeeOther, (await admin.PostFormAsync($"/console/admin/users/{id}/roles", new() { ["roles"] = "ia chief" }, "/console/admin/users")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/console/flags")).StatusCode);
        Assert.Contains(await AuditAsync(App, user), a => a is { Action: "user.roles", Outcome: "success" });

        var again = await ConsoleSession.SignInAsync(App, user);
        await using (var connection = await App.Service<Db>().OpenAsync())
            await UserStore.SetActiveAsync(connection, null, (await UserStore.FindAsync(connection, user))!.Id, false, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/console/figures")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConsoleSession.Anonymous(App.Factory).SignInAttemptAsync(user, Password)).StatusCode);
    }

    [Theory]
    [InlineData("/console/flags", "/console/flags")]
    [InlineData("https://evil.example/console", "/console")]
    [InlineData("//evil.example/console", "/console")]
    [InlineData("/\\evil.example", "/console")]
    public async Task After_sign_in_the_browser_goes_back_only_inside_the_console(string returnUrl, string expected)
    {
        var session = ConsoleSession.Anonymous(App.Factory);
        var response = await session.PostFormAsync("/console/sign-in",
            new() { ["username"] = await UserAsync(App, "ia"), ["password"] = Password, ["returnUrl"] = returnUrl }, "/console/sign-in");
        Assert.Equal(expected, response.Headers.Location!.ToString());
    }

    static string Strip(string html) => System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]*\"", "");
}
