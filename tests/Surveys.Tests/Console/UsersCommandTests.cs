using System.Diagnostics;
using System.Net;
using Surveys.Api.Users;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.StaffConsole;

/// <summary>`SurveyApi users …`: the first administrator comes from the command line, never from a default password.</summary>
public sealed class UsersCommandTests
{
    [Fact]
    public async Task First_admin_is_created_from_the_command_line_and_can_then_sign_in()
    {
        await using var app = SurveysApp.Embedded();
        await app.WaitReadyAsync();
        var config = $"--Surveys:DataDirectory={app.Settings["Surveys:DataDirectory"]}";
        // Nobody can sign in before: there is no default account.
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConsoleSession.Anonymous(app.Factory).SignInAttemptAsync("admin", "admin")).StatusCode);

        var (code, output) = await RunAsync(["add", "Chief.Ramos", "--role", "admin", "--role", "chief", "--name", "Chief Ramos", "--password-stdin", config], Password);
        Assert.True(code == 0, output);
        var session = await ConsoleSession.SignInAsync(app, "chief.ramos");
        Assert.Contains("Chief Ramos", await session.PageAsync("/console/admin/users"));
        Assert.Contains(await AuditAsync(app, "chief.ramos"), a => a is { Action: "user.create", Outcome: "success" } && a.Actor.StartsWith("cli:"));

        Assert.Equal(2, (await RunAsync(["add", "chief.ramos", "--role", "ia", "--password-stdin", config], Password)).Code);
        Assert.Equal(1, (await RunAsync(["add", "weak", "--role", "ia", "--password-stdin", config], "short")).Code);
        Assert.Equal(1, (await RunAsync(["add", "someone", "--role", "sheriff", "--password-stdin", config], Password)).Code);
        Assert.Equal(0, (await RunAsync(["roles", "chief.ramos", "--role", "ia", config], "")).Code);
        Assert.Contains("chief.ramos", (await RunAsync(["list", config], "")).Output);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/console/admin/users")).StatusCode); // roles changed: session over
    }

    [Fact]
    public async Task Users_command_runs_as_its_own_process_and_exits_without_serving()
    {
        var data = Directory.CreateTempSubdirectory("surveys-cli-").FullName;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SurveyApi.dll"), "users", "add", "root", "--role", "admin", "--password-stdin"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["Surveys__DataDirectory"] = data;
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(Password);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("user.create root: done.", output);
        Assert.DoesNotContain("Now listening", output);
        Assert.DoesNotContain("Surveys is running", output);
    }

    static async Task<(int Code, string Output)> RunAsync(string[] args, string stdin)
    {
        var output = new StringWriter();
        var code = await UsersCommand.RunAsync(args, new StringReader(stdin), output);
        return (code, output.ToString());
    }
}
