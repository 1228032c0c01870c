using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Surveys.Tests.Infrastructure;
using Surveys.Tests.StaffConsole;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.Security;

/// <summary>Issue 10, item 8 in Server mode: two API replicas on one PostgreSQL database accept each other's console cookies.</summary>
[Collection("servers")]
[RequiresServers]
public sealed class ServerKeyRingTests(ServersFixture servers)
{
    [ServerFact]
    public async Task A_console_cookie_from_one_api_replica_works_on_the_other_and_after_sign_out_on_neither()
    {
        await using var first = await ServerApp.CreateAsync(servers.Postgres, servers.Rabbit);
        await first.StartWorkerAsync();
        await using var second = new SurveysApp(new Dictionary<string, string?>(first.Settings));
        await first.WaitReadyAsync();
        await second.WaitReadyAsync();
        var session = ConsoleSession.Anonymous(first.Factory);
        var response = await session.SignInAttemptAsync(await UserAsync(first, "ia"), Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-surveys-console=", StringComparison.Ordinal)).Split(';')[0];

        var other = second.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/console/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await session.PostFormAsync("/console/sign-out", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/console/flags")).StatusCode);
    }
}
