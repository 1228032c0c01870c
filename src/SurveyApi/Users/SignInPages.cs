using Microsoft.AspNetCore.Authentication;
using Surveys.Api.Audit;
using Surveys.Api.Users;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.StaffConsole;

/// <summary>
/// Sign-in with a local account. Every attempt is audited with its outcome; the page says the same
/// thing for an unknown user, a wrong password and a locked account, so it confirms no username.
/// </summary>
public static class SignInPages
{
    const string Failed = "Sign-in failed. Check your username and password. After 5 failed attempts an account is locked for 10 minutes.";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/sign-in", Show).AllowAnonymous();
        console.MapPost("/sign-in", SignIn).AllowAnonymous();
        console.MapPost("/sign-out", SignOut).AllowAnonymous();
    }

    static IResult Show(HttpContext context, string? returnUrl) =>
        !PlainUrl(returnUrl) ? BadReturnUrl(context) : context.User.Identity?.IsAuthenticated == true ? SeeOther(Local(returnUrl)) : Form(context, returnUrl, null, 200);

    static async Task<IResult> SignIn(HttpContext context, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (username, password, returnUrl) = (form["username"].ToString(), form["password"].ToString(), form["returnUrl"].ToString());
        if (!PlainUrl(returnUrl)) return BadReturnUrl(context);
        if (username.Length is 0 or > 100 || password.Length is 0 or > UserStore.MaxPasswordLength)
            return Form(context, returnUrl, Failed, 401);

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

        await context.SignInAsync(StaffAuth.ConsoleScheme, StaffAuth.Principal(user!), new AuthenticationProperties { IsPersistent = false });
        return SeeOther(Local(returnUrl));
    }

    static async Task<IResult> SignOut(HttpContext context, Db db, TimeProvider time)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await using var connection = await db.OpenAsync(context.RequestAborted);
            await AuditLog.WriteAsync(connection, null, AuditLog.For(context, "signout", context.User.Identity.Name, AuditLog.Success), time.GetUtcNow());
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
