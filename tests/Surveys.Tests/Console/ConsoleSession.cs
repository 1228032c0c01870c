using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Surveys.Tests.Infrastructure;

namespace Surveys.Tests.StaffConsole;

/// <summary>
/// A browser-like client for the console: HTTPS (the cookies are Secure), its own cookie jar, no
/// automatic redirects, and forms posted with the antiforgery token read from the page.
/// </summary>
public sealed partial class ConsoleSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static ConsoleSession Anonymous(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

    public static async Task<ConsoleSession> SignInAsync(WebApplicationFactory<Program> factory, string username, string password = Flags.FlagScenario.Password)
    {
        var session = Anonymous(factory);
        var response = await session.SignInAttemptAsync(username, password);
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"sign-in as {username}: {(int)response.StatusCode}");
        return session;
    }

    public static Task<ConsoleSession> SignInAsync(SurveysApp app, string username) => SignInAsync(app.Factory, username);

    public async Task<HttpResponseMessage> SignInAttemptAsync(string username, string password) =>
        await PostFormAsync("/console/sign-in", new() { ["username"] = username, ["password"] = password }, formPage: "/console/sign-in");

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public async Task<string> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}");
        return html;
    }

    /// <summary>Posts a form with the token from <paramref name="formPage"/> (the page that shows it; default: the console home).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string formPage = "/console")
    {
        var page = await (await Client.GetAsync(formPage)).Content.ReadAsStringAsync();
        var token = Token().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {formPage}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await Client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
