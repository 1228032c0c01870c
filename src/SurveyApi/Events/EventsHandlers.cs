using Microsoft.Extensions.Options;
using Surveys.Api.Audit;
using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Api.Events;

public static partial class EventsApi
{
    static async Task<IResult> Create(HttpContext context, Db db, PublicUrl url, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (!CanWork(context.User, body!.Neighborhood)) return Forbidden(body.Neighborhood);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (errors, status, starts) = await CheckAsync(connection, body);
        if (errors.Count > 0) return status == 400 ? Problems.Invalid(errors) : Problems.Unprocessable(errors);
        var e = await InsertAsync(connection, body, starts, AuditLog.Actor(context.User), time.GetUtcNow(), options.Value);
        context.Response.Headers.Location = $"/api/v1/events/{e.Id}";
        return TypedResults.Json(new Created(e.Id, SurveyUrl(url, e.Token), $"/api/v1/events/{e.Id}/qr.svg"), statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> List(HttpContext context, string? neighborhood, string? month, int? limit, string? cursor, Db db, PublicUrl url)
    {
        var errors = new FieldErrors();
        if (month is not null && !Months.TryParse(month, out _)) errors.Add("month", Months.Problem);
        if (limit is < 1 or > 1000) errors.Add("limit", "must be from 1 to 1000.");
        if (!EventQueries.TryCursor(cursor, out var after)) errors.Add("cursor", "is not a cursor this list returned.");
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (neighborhood is not null && !CanWork(context.User, neighborhood)) return Forbidden(neighborhood);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (items, next) = await EventQueries.ListAsync(connection,
            new EventQueries.Filter(neighborhood, Surveys.Api.FollowUps.FollowUpAccess.Scope(context.User), month, limit ?? 100, after));
        return TypedResults.Ok(new Page(items.Select(e => View(e, url)).ToList(), next));
    }

    static async Task<IResult> Get(string id, HttpContext context, Db db, PublicUrl url, IOptions<SurveysOptions> options)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (e, refused) = await FindAsync(connection, id, context);
        if (refused is not null) return refused;
        var v = View(e!, url);
        var concerns = (await EventQueries.ConcernsAsync(connection, id)).Select(c => new ConcernView(c.Id, c.Text, c.CreatedBy, Time(c.CreatedAt))).ToList();
        var figures = await EventQueries.FiguresAsync(connection, e!, options.Value.MinResponses);
        return TypedResults.Json(new DetailView(v.Id, v.Neighborhood, v.Kind, v.Title, v.StartsAt, v.Month, v.Attendance, v.SurveyUrl, v.QrCode,
            v.OpensAt, v.ClosesAt, concerns, figures), FlagsApi.Escaped);
    }

    static async Task<IResult> SetAttendance(string id, HttpContext context, Db db, PublicUrl url, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<AttendanceBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (body!.Attendance is not (>= 0 and <= 1_000_000)) return Problems.Invalid(new FieldErrors { { "attendance", "must be a whole number from 0 to 1000000." } });
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (e, refused) = await FindAsync(connection, id, context);
        if (refused is not null) return refused;
        await UpdateAttendanceAsync(connection, id, body.Attendance.Value, time.GetUtcNow());
        e!.Attendance = body.Attendance;
        return TypedResults.Ok(View(e, url));
    }

    static async Task<IResult> AddConcern(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<ConcernBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (FlagActions.TextProblem(body!.Text, "text") is { } problem) return Problems.Invalid(new FieldErrors { { "text", problem } });
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (_, refused) = await FindAsync(connection, id, context);
        if (refused is not null) return refused;
        var c = await InsertConcernAsync(connection, id, body.Text!, AuditLog.Actor(context.User), time.GetUtcNow());
        context.Response.Headers.Location = $"/api/v1/events/{id}";
        return TypedResults.Json(new ConcernView(c.Id, c.Text, c.CreatedBy, Time(c.CreatedAt)), FlagsApi.Escaped, statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> Qr(string id, HttpContext context, Db db, PublicUrl url, bool svg)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (e, refused) = await FindAsync(connection, id, context);
        if (refused is not null) return refused;
        var link = SurveyUrl(url, e!.Token);
        return svg ? Results.Text(EventQr.Svg(link), "image/svg+xml") : Results.Bytes(EventQr.Png(link), "image/png");
    }

    public static Task UpdateAttendanceAsync(System.Data.Common.DbConnection db, string id, int attendance, DateTimeOffset now) =>
        Dapper.SqlMapper.ExecuteAsync(db, "UPDATE events SET attendance = @Attendance, updated_at = @Now WHERE id = @Id",
            new { Id = id, Attendance = attendance, Now = now.ToUnixTimeMilliseconds() });

    /// <summary>The event if this user may work it; else 404, or 403 for another neighborhood's (also by id).</summary>
    public static async Task<(EventQueries.Event? Event, IResult? Refused)> FindAsync(System.Data.Common.DbConnection db, string id, HttpContext context)
    {
        var e = await EventQueries.FindAsync(db, id);
        if (e is null) return (null, Problems.NotFound($"No event '{id}'."));
        return CanWork(context.User, e.Neighborhood) ? (e, null) : (null, Forbidden(e.Neighborhood));
    }

    static IResult Forbidden(string? neighborhood) => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed",
        neighborhood is null ? "City-wide events are for chiefs and admins." : "This event belongs to a neighborhood that is not yours.");

    static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
