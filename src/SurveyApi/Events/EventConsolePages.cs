using Microsoft.Extensions.Options;
using Surveys.Api.Audit;
using Surveys.Api.FollowUps;
using Surveys.Api.Hosting;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Events;

/// <summary>
/// /console/events: record an event, hand out its QR code (print view), note the concerns raised
/// (each can open a problem) and, afterwards, the attendance and the survey's figures.
/// </summary>
public static class EventConsolePages
{
    public const string BasePath = "/console/events";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", DetailAsync);
        group.MapGet("/{id}/print", PrintAsync);
        group.MapPost("/{id}/concerns", ConcernAsync);
        group.MapPost("/{id}/attendance", AttendanceAsync);
        group.MapGet("/{id}/qr.svg", (string id, HttpContext c, Db db, PublicUrl url) => QrAsync(id, c, db, url, true));
        group.MapGet("/{id}/qr.png", (string id, HttpContext c, Db db, PublicUrl url) => QrAsync(id, c, db, url, false));
    }

    static async Task<IResult> ListAsync(HttpContext context, string? m, Db db, PublicUrl url, IOptions<SurveysOptions> options)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (items, _) = await EventQueries.ListAsync(connection, new EventQueries.Filter(null, FollowUpAccess.Scope(context.User), null, 200, null));
        var rows = string.Concat(items.Select(e => $"""
            <tr><td><a href="{BasePath}/{E(e.Id)}">{E(e.Title)}</a></td><td>{E(e.Kind)}</td><td>{E(e.Neighborhood ?? "city-wide")}</td>
            <td>{When(e.StartsAt)}</td><td class="num">{e.Attendance?.ToString() ?? "—"}</td></tr>
            """));
        var table = items.Count == 0 ? "<p>No events recorded yet.</p>"
            : $"<table><thead><tr><th>Event</th><th>Kind</th><th>Neighborhood</th><th>Starts</th><th class=\"num\">Attendance</th></tr></thead><tbody>{rows}</tbody></table>";
        var error = m == "invalid" ? Message("Check the form: kind, a title, a start time and, for a lieutenant, your own neighborhood.", true) : "";
        return Page(context, "Community meetings and events", error + table + EventConsoleHtml.CreateForm(context, FollowUpAccess.Scope(context.User)));
    }

    static async Task<IResult> CreateAsync(HttpContext context, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var hood = form["neighborhood"].ToString() is { Length: > 0 } h ? h : null;
        int? attendance = int.TryParse(form["attendance"], out var a) ? a : null;
        // datetime-local has no offset: it is the agency's wall clock.
        DateTimeOffset? starts = DateTime.TryParse(form["startsAt"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, options.Value.Zone.GetUtcOffset(local)) : null;
        var body = new EventsApi.CreateBody(hood, form["kind"], form["title"], starts?.ToString("yyyy-MM-ddTHH:mm:sszzz"), attendance);
        if (!EventsApi.CanWork(context.User, hood)) return Forbidden(context);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (errors, _, startsAt) = await EventsApi.CheckAsync(connection, body);
        if (errors.Count > 0) return SeeOther($"{BasePath}?m=invalid");
        var e = await EventsApi.InsertAsync(connection, body, startsAt, AuditLog.Actor(context.User), time.GetUtcNow(), options.Value);
        return SeeOther($"{BasePath}/{e.Id}");
    }

    static async Task<IResult> DetailAsync(HttpContext context, string id, string? m, Db db, PublicUrl url, IOptions<SurveysOptions> options)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (e, refused) = await Find(connection, id, context);
        if (refused is not null) return refused;
        var concerns = await EventQueries.ConcernsAsync(connection, id);
        var figures = await EventQueries.FiguresAsync(connection, e!, options.Value.MinResponses);
        var message = m switch { "invalid" => Message("Write the concern (or a whole number for attendance).", true), "saved" => Message("Saved."), _ => "" };
        return Page(context, e!.Title, message + EventConsoleHtml.Detail(context, EventsApi.View(e, url), concerns, figures, options.Value.MinResponses));
    }

    static async Task<IResult> PrintAsync(HttpContext context, string id, Db db, PublicUrl url)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (e, refused) = await Find(connection, id, context);
        if (refused is not null) return refused;
        var v = EventsApi.View(e!, url);
        return Results.Content(Plain(e!.Title, EventConsoleHtml.Print(v)), "text/html; charset=utf-8");
    }

    static async Task<IResult> ConcernAsync(HttpContext context, string id, Db db, TimeProvider time)
    {
        var text = (await context.Request.ReadFormAsync(context.RequestAborted))["text"].ToString();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (_, refused) = await Find(connection, id, context);
        if (refused is not null) return refused;
        if (Flags.FlagActions.TextProblem(text, "text") is not null) return SeeOther($"{BasePath}/{id}?m=invalid");
        await EventsApi.InsertConcernAsync(connection, id, text, AuditLog.Actor(context.User), time.GetUtcNow());
        return SeeOther($"{BasePath}/{id}?m=saved#concerns");
    }

    static async Task<IResult> AttendanceAsync(HttpContext context, string id, Db db, TimeProvider time)
    {
        var raw = (await context.Request.ReadFormAsync(context.RequestAborted))["attendance"].ToString();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (_, refused) = await Find(connection, id, context);
        if (refused is not null) return refused;
        if (!int.TryParse(raw, out var n) || n is < 0 or > 1_000_000) return SeeOther($"{BasePath}/{id}?m=invalid");
        await EventsApi.UpdateAttendanceAsync(connection, id, n, time.GetUtcNow());
        return SeeOther($"{BasePath}/{id}?m=saved");
    }

    static async Task<IResult> QrAsync(string id, HttpContext context, Db db, PublicUrl url, bool svg)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (e, refused) = await Find(connection, id, context);
        if (refused is not null) return refused;
        var link = EventsApi.SurveyUrl(url, e!.Token);
        return svg ? Results.File(System.Text.Encoding.UTF8.GetBytes(EventQr.Svg(link)), "image/svg+xml", $"event-{id}.svg")
            : Results.File(EventQr.Png(link), "image/png", $"event-{id}.png");
    }

    static async Task<(EventQueries.Event?, IResult?)> Find(System.Data.Common.DbConnection db, string id, HttpContext context)
    {
        var e = await EventQueries.FindAsync(db, id);
        if (e is null) return (null, NotFound(context, "event"));
        return EventsApi.CanWork(context.User, e.Neighborhood) ? (e, null) : (null, Forbidden(context));
    }
}
