using Surveys.Api.StaffConsole;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Surveys.Api.Audit;
using Surveys.Api.Users;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Users;

/// <summary>
/// Sign-in with a local account. Every attempt is audited with its outcome; the page says the same
/// thing for an unknown user, a wrong password and a locked account, so it confirms no username.
/// </summary>
public static class SignInPages
{
    const string Failed = "Sign-in failed. Check your username and password. After 5 failed attempts an account is locked for 10 minutes.";
    const string TooMany = "Too many sign-in attempts. Wait a minute and try again.";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/sign-in", Show).AllowAnonymous();
        console.MapPost("/sign-in", SignIn).AllowAnonymous();
        console.MapPost("/sign-out", (HttpContext c, Db db, TimeProvider t) => SignOut(c, db, t, everywhere: false)).AllowAnonymous();
        console.MapPost("/sign-out-everywhere", (HttpContext c, Db db, TimeProvider t) => SignOut(c, db, t, everywhere: true)).RequireAuthorization();
    }

    static IResult Show(HttpContext context, string? returnUrl) =>
        !PlainUrl(returnUrl) ? BadReturnUrl(context) : context.User.Identity?.IsAuthenticated == true ? SeeOther(Local(returnUrl)) : Form(context, returnUrl, null, 200);

    static async Task<IResult> SignIn(HttpContext context, Db db, TimeProvider time, SignInThrottle throttle)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (username, password, returnUrl) = (form["username"].ToString(), form["password"].ToString(), form["returnUrl"].ToString());
        if (!PlainUrl(returnUrl)) return BadReturnUrl(context);
        if (!throttle.TryAcquire(context, username.Length > 100 ? username[..100] : username))
        {
            context.Response.Headers.RetryAfter = "60";
            return Form(context, returnUrl, TooMany, StatusCodes.Status429TooManyRequests);
        }
        if (username.Length is 0 or > 100 || password.Length is 0 or > UserStore.MaxPasswordLength)
        {
            UserStore.SpendOneHash(password.Length > UserStore.MaxPasswordLength ? password[..UserStore.MaxPasswordLength] : password);
            return Form(context, returnUrl, Failed, 401);
        }

        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (result, user) = await UserStore.SignInAsync(connection, username, password, now);
        var reason = result switch
        {
            UserStore.SignInResult.Success => null,
            UserStore.SignInResult.LockedOut => "locked out",
            UserStore.SignInResult.Inactive => "account disabled",
            _ => user is null ? "unknown username" : "wrong password",
        };
        var entry = new AuditLog.Entry(user?.Username ?? UserStore.Normalize(username), "console", "signin", UserStore.Normalize(username),
            reason is null ? AuditLog.Success : AuditLog.Failure, AuditLog.Ip(context), reason);
        await AuditLog.WriteAsync(connection, null, entry, now);
        if (result != UserStore.SignInResult.Success) return Form(context, returnUrl, Failed, 401);

        var session = await StaffSessions.StartAsync(connection, user!.Id, now);
        await context.SignInAsync(StaffAuth.ConsoleScheme, StaffAuth.Principal(user, session), new AuthenticationProperties { IsPersistent = false });
        return SeeOther(Local(returnUrl));
    }

    // Ends the session on the server, so a saved copy of the cookie no longer works; "everywhere"
    // ends every session of this user (other browsers, other devices) and is audited as such.
    static async Task<IResult> SignOut(HttpContext context, Db db, TimeProvider time, bool everywhere)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var now = time.GetUtcNow();
            await using var connection = await db.OpenAsync(context.RequestAborted);
            if (everywhere) await StaffSessions.EndAllAsync(connection, null, context.User.FindFirstValue(ClaimTypes.NameIdentifier)!, now);
            else if (context.User.FindFirstValue(StaffAuth.SessionClaim) is { } session) await StaffSessions.EndAsync(connection, session, now);
            await AuditLog.WriteAsync(connection, null, AuditLog.For(context, everywhere ? "signout.everywhere" : "signout", context.User.Identity.Name, AuditLog.Success), now);
        }
        await context.SignOutAsync(StaffAuth.ConsoleScheme);
        return SeeOther(ConsolePaths.SignIn);
    }

    // Only paths inside the console: an open redirect would let a link send a signed-in user anywhere.
    static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\') ? url : ConsolePaths.Root;

    // A Location header takes printable ASCII only: CR/LF (header splitting), controls or raw
    // non-ASCII in returnUrl would fail when the redirect is written, so such a link is refused up front.
    static bool PlainUrl(string? returnUrl) => returnUrl is null || returnUrl.All(c => c is > ' ' and < '\x7F');

    static IResult BadReturnUrl(HttpContext context) =>
        Page(context, "Sign in", Message("This sign-in link is not valid. Open the console from its address instead.", error: true), 400, narrow: true);

    static IResult Form(HttpContext context, string? returnUrl, string? error, int status) => Page(context, "Sign in", Message(error, error: true)
        + ConsoleLayout.Form(context, ConsolePaths.SignIn, $"""
            <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
            <label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" required maxlength="100">
            <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            """), status, narrow: true);
}
