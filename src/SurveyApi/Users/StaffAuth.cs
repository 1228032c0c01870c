using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Surveys.Api.StaffConsole;
using Surveys.Api.Hosting;
using Surveys.Data;

namespace Surveys.Api.Users;

/// <summary>
/// Human sign-in on top of the API keys: a console session cookie (local accounts) for /console,
/// and, for agencies with an identity provider, JWT bearer tokens on the API. A policy scheme picks
/// one per request, so the API never accepts the cookie (no cross-site requests ride on it) and
/// the console never accepts a key.
/// </summary>
public static class StaffAuth
{
    public const string Selector = "Surveys", ConsoleScheme = "Console", StampClaim = "surveys:stamp", SessionClaim = "surveys:session";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static void AddStaffAuth(this WebApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection("Surveys:Jwt");
        var useJwt = !string.IsNullOrEmpty(jwt["Authority"]) || !string.IsNullOrEmpty(jwt["SigningKey"]);
        var auth = builder.Services.AddAuthentication()
            .AddPolicyScheme(Selector, "API key, bearer token or console session", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments(ConsolePaths.Root) ? ConsoleScheme
                : useJwt && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    && !context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? JwtBearerDefaults.AuthenticationScheme
                : ApiKeyHandler.SchemeName)
            .AddCookie(ConsoleScheme, o =>
            {
                o.Cookie.Name = "__Host-surveys-console";
                o.Cookie.Path = "/";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = ConsolePaths.SignIn;
                o.LogoutPath = ConsolePaths.SignOut;
                o.Events.OnValidatePrincipal = ValidateAsync;
                // The handler's own redirect is absolute, built from the Host header: stay relative.
                o.Events.OnRedirectToLogin = context =>
                {
                    var request = context.Request;
                    context.Response.Redirect($"{ConsolePaths.SignIn}?ReturnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}");
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context => ConsoleLayout.WriteForbiddenAsync(context.HttpContext);
            });
        if (useJwt) auth.AddJwtBearer(o => ConfigureJwt(o, jwt));

        builder.Services.AddSingleton<SignInThrottle>();

        // AddSurveysAuth made the API key the default; the selector above now decides per request.
        builder.Services.Configure<AuthenticationOptions>(o => o.DefaultScheme = Selector);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-surveys-af";
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders already sends DENY
        });
    }

    public static ClaimsPrincipal Principal(UserStore.StaffUser user, string sessionId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.GivenName, user.DisplayName), new(StampClaim, user.SecurityStamp), new(SessionClaim, sessionId),
        };
        claims.AddRange(StaffRoles.Split(user.Roles).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleScheme));
    }

    // Every request re-reads the session and the account: an ended session (sign-out, even from a
    // copied cookie), a deactivated user or a changed role or password ends access at once.
    // Renewing on every request makes the 30 minutes an idle timeout, exactly.
    static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var (id, session) = (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), context.Principal?.FindFirstValue(SessionClaim));
        var services = context.HttpContext.RequestServices;
        await using var connection = await services.GetRequiredService<Db>().OpenAsync(context.HttpContext.RequestAborted);
        var user = session is null ? null : await StaffSessions.UserOfAsync(connection, session, services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (user is null || user.Id != id || !user.Active || user.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleScheme);
            return;
        }
        context.ShouldRenew = true;
    }

    static void ConfigureJwt(JwtBearerOptions o, IConfigurationSection jwt)
    {
        o.MapInboundClaims = false;
        if (!string.IsNullOrEmpty(jwt["Authority"])) o.Authority = jwt["Authority"];
        o.Audience = jwt["Audience"];
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = !string.IsNullOrEmpty(jwt["Issuer"]) || !string.IsNullOrEmpty(jwt["Authority"]),
            ValidIssuer = jwt["Issuer"],
            ValidateAudience = true,
            ValidAudience = jwt["Audience"],
            // The agency's identity provider decides who holds which of our role names.
            RoleClaimType = jwt["RolesClaim"] ?? "roles",
            NameClaimType = jwt["NameClaim"] ?? "preferred_username",
            ClockSkew = TimeSpan.FromMinutes(1),
            AuthenticationType = "bearer",
        };
        if (!string.IsNullOrEmpty(jwt["SigningKey"]))
            o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(jwt["SigningKey"]!));
    }
}
