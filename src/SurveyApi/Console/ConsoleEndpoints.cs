using Surveys.Api.Audit;
using Surveys.Api.Commendations;
using Surveys.Api.Figures;
using Surveys.Api.Flags;
using Surveys.Api.ReferenceData;
using Surveys.Api.Users;
using Microsoft.AspNetCore.Antiforgery;
using Surveys.Api.CommentReview;
using Surveys.Api.FollowUps;
using Surveys.Api.ProblemSolving;
using Surveys.Data;
using Surveys.Api.Hosting;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.StaffConsole;

/// <summary>
/// /console: the staff console. Pages are grouped by role; every POST is checked against its
/// antiforgery token before the handler runs, and no console page may be cached.
/// </summary>
public static class ConsoleEndpoints
{
    static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(ConsoleEndpoints).Assembly.GetManifestResourceStream("Surveys.Api.StaffConsole.console.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static void MapConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup(ConsolePaths.Root).ExcludeFromDescription().AddEndpointFilter(ProtectAsync);
        console.MapGet("/assets/console.css", () => Results.Text(Css.Value, "text/css")).AllowAnonymous();
        SignInPages.Map(console);
        console.MapGet("/", Home).RequireAuthorization();
        FlagPages.Map(console.MapGroup("/flags").RequireAuthorization(AccessPolicies.Ia), FlagPages.Ia);
        FlagPages.Map(console.MapGroup("/items").RequireAuthorization(p => p.RequireAssertion(c => Roles.IsLieutenant(c.User))), FlagPages.Lieutenant);
        FollowUpPages.Map(console.MapGroup("/follow-ups").RequireAuthorization(AccessPolicies.Figures));
        ProblemPages.Map(console.MapGroup("/problems").RequireAuthorization(AccessPolicies.Figures));
        Surveys.Api.Events.EventConsolePages.Map(console.MapGroup("/events").RequireAuthorization(AccessPolicies.Figures));
        FiguresPages.Map(console.MapGroup("").RequireAuthorization(AccessPolicies.Figures));
        Meetings.MeetingScreen.Map(console.MapGroup("").RequireAuthorization(AccessPolicies.Figures));
        CommendationPages.Map(console.MapGroup("/commendations").RequireAuthorization(AccessPolicies.Figures));
        CommentReviewPages.Map(console.MapGroup("/comment-reviews").RequireAuthorization(AccessPolicies.CommandStaff));
        var admin = console.MapGroup("/admin").RequireAuthorization(AccessPolicies.Admin);
        UserPages.Map(admin);
        KeyPages.Map(admin);
        AuditPages.Map(admin);
        ReferencePages.Map(admin);
    }

    static async ValueTask<object?> ProtectAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = "no-store";
        // Secure cookies and antiforgery need HTTPS; behind a TLS proxy, name it in Surveys:ForwardedHeaders (ProxyTrust).
        if (!context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/console/assets"))
            return Results.Content(Plain("HTTPS required", "<p>The staff console only works over HTTPS. Open it with an https:// address.</p>"),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        if (HttpMethods.IsPost(context.Request.Method))
        {
            try { await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context); }
            catch (AntiforgeryValidationException)
            {
                return Page(context, "Form expired", "<p>This form was open too long or came from elsewhere. Go back, reload the page and try again.</p>", 400);
            }
        }
        return await next(invocation);
    }

    static async Task<IResult> Home(HttpContext context, Db db, TimeProvider time)
    {
        var user = context.User;
        var links = new List<string>();
        if (user.IsInRole(Roles.Ia)) links.Add("<li><a href=\"/console/flags\">Internal affairs queue</a>: flagged feedback to review and decide.</li>");
        if (Roles.SeesAllNeighborhoods(user) || Roles.IsLieutenant(user))
        {
            links.Add("<li><a href=\"/console/follow-ups\">Follow-up requests</a>: residents who asked to be contacted, open, due soon and overdue.</li>");
            links.Add("<li><a href=\"/console/events\">Community meetings and events</a>: record an event, hand out its survey QR code, note the concerns raised.</li>");
        }
        if (Roles.IsLieutenant(user)) links.Add("<li><a href=\"/console/items\">Low ratings</a>: low-rated contacts in your neighborhood.</li>");
        if (Roles.SeesAllNeighborhoods(user) || Roles.IsLieutenant(user))
        {
            links.Add("<li><a href=\"/console/figures\">Figures and reports</a>: monthly trust figures per neighborhood.</li>");
            links.Add("<li><a href=\"/console/commendations\">Commendations</a>: residents' praise, per officer.</li>");
        }
        if (Roles.SeesAllNeighborhoods(user))
            links.Add("<li><a href=\"/console/comment-reviews\">Comment review</a>: approve the wording before a report quotes a resident.</li>");
        if (user.IsInRole(Roles.Admin))
            links.Add("<li><a href=\"/console/admin/users\">Users</a>, <a href=\"/console/admin/keys\">API keys</a>, <a href=\"/console/admin/neighborhoods\">neighborhoods</a>, "
                + "<a href=\"/console/admin/roster\">roster</a>, <a href=\"/console/admin/exclusions\">exclusions</a> and the <a href=\"/console/admin/audit\">audit log</a>.</li>");
        var body = links.Count == 0 ? "<p>Your account has no console role yet. Ask an administrator.</p>" : $"<ul>{string.Concat(links)}</ul>";
        var everywhere = Form(context, ConsolePaths.SignOutEverywhere,
            "<p class=\"muted\">Left the console open on another computer, or lost a device? End every session of your account.</p>"
            + "<button type=\"submit\" class=\"secondary\">Sign out everywhere</button>");
        var overdue = await FollowUpPages.OverdueBoardAsync(context, db, time.GetUtcNow());
        return Page(context, "Welcome", $"<p>Signed in as {E(user.Identity?.Name)}.</p>{body}{overdue}{everywhere}");
    }
}
