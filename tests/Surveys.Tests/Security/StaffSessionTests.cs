using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Surveys.Api.Users;
using Surveys.Data;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.StaffConsole;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Security;

/// <summary>Issue 10, item 5: sessions end on the server, sign-in is throttled and costs the same whoever is asked about.</summary>
public sealed class StaffSessionTests(Api.EmbeddedAppFixture fixture) : IClassFixture<Api.EmbeddedAppFixture>
{
    SurveysApp App => fixture.App;

    /// <summary>A client that carries exactly this cookie header, like an attacker who saved it.</summary>
    HttpClient Replaying(string cookie)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    async Task<(ConsoleSession Session, string Cookie)> SignedInAsync(string user)
    {
        var session = ConsoleSession.Anonymous(App.Factory);
        var response = await session.SignInAttemptAsync(user, Password);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return (session, response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-surveys-console=", StringComparison.Ordinal)).Split(';')[0]);
    }

    [Fact]
    public async Task A_saved_cookie_no_longer_works_after_sign_out()
    {
        var (session, cookie) = await SignedInAsync(await UserAsync(App, "ia"));
        Assert.Equal(HttpStatusCode.OK, (await Replaying(cookie).GetAsync("/console/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await session.PostFormAsync("/console/sign-out", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replaying(cookie).GetAsync("/console/flags")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_and_a_password_change_end_every_session_of_the_user()
    {
        var user = await UserAsync(App, "ia");
        var (first, firstCookie) = await SignedInAsync(user);
        var (_, secondCookie) = await SignedInAsync(user);
        var (_, otherUsersCookie) = await SignedInAsync(await UserAsync(App, "ia"));
        Assert.Equal(HttpStatusCode.SeeOther, (await first.PostFormAsync("/console/sign-out-everywhere", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replaying(firstCookie).GetAsync("/console/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Replaying(secondCookie).GetAsync("/console/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Replaying(otherUsersCookie).GetAsync("/console/flags")).StatusCode);
        Assert.Contains(await AuditAsync(App, user), a => a.Action == "signout.everywhere");

        var (_, third) = await SignedInAsync(user);
        await using (var connection = await App.Service<Db>().OpenAsync())
            await UserStore.SetPasswordAsync(connection, null, (await UserStore.FindAsync(connection, user))!.Id, Password + " again", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await Replaying(third).GetAsync("/console/flags")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_username_and_per_address_with_429()
    {
        await using var app = SurveysApp.Embedded(new() { ["Surveys:Console:SignInLimit:PerAddress"] = "6", ["Surveys:Console:SignInLimit:PerUsername"] = "3" });
        await app.WaitReadyAsync();
        var session = ConsoleSession.Anonymous(app.Factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await session.SignInAttemptAsync("target-user", "guess " + i)).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        // Spraying other usernames from the same address runs into the address limit (6 attempts in all).
        var sprayed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) sprayed.Add((await session.SignInAttemptAsync("other-user-" + i, "guess")).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], sprayed);
    }

    [Fact]
    public async Task A_locked_account_costs_the_same_password_hash_as_an_unknown_one()
    {
        var locked = await UserAsync(App, "ia");
        var session = ConsoleSession.Anonymous(App.Factory);
        for (var i = 0; i < UserStore.MaxFailures; i++) await session.SignInAttemptAsync(locked, "wrong " + i);
        await session.SignInAttemptAsync(locked, "warm-up");
        var (lockedTimes, unknownTimes) = (new List<double>(), new List<double>());
        // Interleaved, so a busy machine slows both kinds alike; medians, compared as a ratio.
        for (var i = 0; i < 9; i++)
        {
            lockedTimes.Add(await TimeAsync(() => session.SignInAttemptAsync(locked, "guess " + i)));
            unknownTimes.Add(await TimeAsync(() => session.SignInAttemptAsync("nobody-" + locked, "guess " + i)));
        }
        var ratio = Median(lockedTimes) / Median(unknownTimes);
        // Before: 5–9 ms against 64–100 ms (ratio ≈ 0.1). One hash each puts it near 1.
        Assert.InRange(ratio, 0.6, 1.7);
    }

    static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await attempt()).StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
