using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Surveys.Tests.Infrastructure;
using static Surveys.Tests.Flags.FlagScenario;

namespace Surveys.Tests.StaffConsole;

/// <summary>API keys that administrators create in the console, and bearer tokens from an agency's identity provider.</summary>
public sealed class ApiAccessTests
{
    static readonly byte[] SigningKey = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task Key_created_in_the_console_works_with_its_roles_until_revoked_and_both_are_audited()
    {
        await using var app = SurveysApp.Embedded();
        await app.WaitReadyAsync();
        var admin = await ConsoleSession.SignInAsync(app, await UserAsync(app, "admin"));
        var page = await (await admin.PostFormAsync("/console/admin/keys", new() { ["name"] = "cad-vendor", ["roles"] = "intake ia" }, "/console/admin/keys"))
            .Content.ReadAsStringAsync();
        var key = Regex.Match(page, "id=\"new-key\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("sk_", key);
        Assert.DoesNotContain(key, await admin.PageAsync("/console/admin/keys")); // shown once only

        Assert.Equal(HttpStatusCode.OK, (await app.Client(key).GetAsync("/api/v1/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(key).GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(key + "x").GetAsync("/api/v1/flags")).StatusCode);

        var id = await ScalarAsync<string>(app, "SELECT id FROM api_keys WHERE name = 'cad-vendor'");
        Assert.Equal(0L, await ScalarAsync<long>(app, "SELECT COUNT(*) FROM api_keys WHERE key_hash = @Key OR key_prefix = @Key", new { Key = key }));
        Assert.Equal(HttpStatusCode.SeeOther, (await admin.PostFormAsync($"/console/admin/keys/{id}/revoke", [], "/console/admin/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(key).GetAsync("/api/v1/flags")).StatusCode);
        Assert.Equal(["key.create", "key.revoke"], (await AuditAsync(app)).Where(a => a.Action.StartsWith("key.")).Select(a => a.Action));
    }

    [Fact]
    public async Task Bearer_token_from_the_identity_provider_carries_the_roles()
    {
        await using var app = SurveysApp.Embedded(new()
        {
            ["Surveys:Jwt:SigningKey"] = Convert.ToBase64String(SigningKey), ["Surveys:Jwt:Issuer"] = "https://idp.example", ["Surveys:Jwt:Audience"] = "surveys",
        });
        await app.WaitReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await Bearer(app, Token(["ia"]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Bearer(app, Token(["chief"]))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, Token(["ia"], audience: "someone-else"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, Token(["ia"], key: new byte[32]))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, Token(["ia"], expires: DateTime.UtcNow.AddMinutes(-5)))).StatusCode);
        // API keys keep working beside it, and the console never takes a bearer token.
        Assert.Equal(HttpStatusCode.OK, (await app.Client(Keys.Ia).GetAsync("/api/v1/flags")).StatusCode);
        var console = app.Client();
        console.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(["ia"]));
        Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/console/flags")).StatusCode);
    }

    static Task<HttpResponseMessage> Bearer(SurveysApp app, string token)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync("/api/v1/flags");
    }

    static string Token(string[] roles, string audience = "surveys", byte[]? key = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://idp.example", Audience = audience, Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            NotBefore = (expires ?? DateTime.UtcNow).AddMinutes(-30),
            Claims = new Dictionary<string, object> { ["preferred_username"] = "j.doe", ["roles"] = roles },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
}
