using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Figures;
using Surveys.Rules;

namespace Surveys.Api.Events;

/// <summary>Community meetings and events (api-contract.md, "Community meetings and events"; docs/events.md).</summary>
public static partial class EventsApi
{
    public static readonly IReadOnlyList<string> Kinds = ["community-meeting", "coffee-with-a-cop", "national-night-out", "spcp-session", "school-visit", "other"];

    public sealed record CreateBody(string? Neighborhood, string? Kind, string? Title, string? StartsAt, int? Attendance);
    public sealed record Created(string Id, string SurveyUrl, string QrCode);
    public sealed record AttendanceBody(int? Attendance);
    public sealed record ConcernBody(string? Text);
    public sealed record ConcernView(string Id, string Text, string CreatedBy, DateTimeOffset CreatedAt);
    public sealed record EventView(string Id, string? Neighborhood, string Kind, string Title, DateTimeOffset StartsAt, string Month, int? Attendance,
        string SurveyUrl, string QrCode, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);
    public sealed record Page(List<EventView> Items, string? NextCursor);
    public sealed record DetailView(string Id, string? Neighborhood, string Kind, string Title, DateTimeOffset StartsAt, string Month, int? Attendance,
        string SurveyUrl, string QrCode, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, List<ConcernView> Concerns, FigureSet Figures);

    /// <summary>The survey page opens a day before the event and closes 14 days after it starts.</summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromDays(1), ClosesAfter = TimeSpan.FromDays(14);

    public static void MapEvents(this IEndpointRouteBuilder app)
    {
        // Lieutenants pass the policy; each handler checks the neighborhood is their own (403 otherwise).
        var group = app.MapGroup("/api/v1/events").WithTags("Events").RequireAuthorization(AccessPolicies.Figures)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).WithSummary("Record a community meeting or event; returns its survey link and QR code")
            .Produces<Created>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithSummary("Events, newest first (?neighborhood=&month=&limit=&cursor=)").Produces<Page>().ProducesValidationProblem();
        group.MapGet("/{id}", Get).WithSummary("One event, its concerns and its survey figures (suppressed below MinResponses)")
            .Produces<DetailView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", SetAttendance).WithSummary("Record the attendance afterwards")
            .Produces<EventView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/concerns", AddConcern).WithSummary("Record a concern residents raised at the event")
            .Produces<ConcernView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/qr.svg", (string id, HttpContext c, Db db, PublicUrl url) => Qr(id, c, db, url, svg: true))
            .WithSummary("The survey link as a QR code (SVG)").Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/qr.png", (string id, HttpContext c, Db db, PublicUrl url) => Qr(id, c, db, url, svg: false))
            .WithSummary("The survey link as a QR code (PNG)").Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A city-wide event (no neighborhood) is for chiefs and admins; a neighborhood's also for its lieutenant.</summary>
    public static bool CanWork(ClaimsPrincipal user, string? neighborhood) =>
        neighborhood is null ? Roles.SeesAllNeighborhoods(user) : Roles.SeesNeighborhood(user, neighborhood);

    /// <summary>72 random bits as 12 URL-safe characters: short enough to type from a screen, far too many to guess.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', '-').Replace('/', '_');

    public static string SurveyUrl(PublicUrl url, string token) => $"{url.Base}/e/{token}";

    public static EventView View(EventQueries.Event e, PublicUrl url)
    {
        var starts = DateTimeOffset.FromUnixTimeMilliseconds(e.StartsAt);
        return new(e.Id, e.Neighborhood, e.Kind, e.Title, starts, e.Month, e.Attendance, SurveyUrl(url, e.Token), $"/api/v1/events/{e.Id}/qr.svg",
            starts - OpensBefore, starts + ClosesAfter);
    }

    /// <summary>The body's rules, shared with the console form: 400 for missing or malformed fields, 422 for unacceptable values.</summary>
    public static async Task<(FieldErrors Errors, int Status, DateTimeOffset StartsAt)> CheckAsync(System.Data.Common.DbConnection db, CreateBody b)
    {
        var errors = new FieldErrors();
        if (b.Kind is null || !Kinds.Contains(b.Kind)) errors.Add("kind", $"must be one of {string.Join(", ", Kinds)}.");
        if (string.IsNullOrWhiteSpace(b.Title)) errors.Add("title", "is required.");
        else if (b.Title.Length > 200 || FlagActions.TextProblem(b.Title, "title") is not null) errors.Add("title", "must be at most 200 characters of plain text.");
        if (b.Attendance is < 0 or > 1_000_000) errors.Add("attendance", "must be a whole number from 0 to 1000000.");
        DateTimeOffset starts = default;
        if (string.IsNullOrWhiteSpace(b.StartsAt)) errors.Add("startsAt", "is required.");
        if (errors.Count > 0) return (errors, 400, starts);
        if (!Offset().IsMatch(b.StartsAt!) || !DateTimeOffset.TryParse(b.StartsAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out starts)
            || starts.Year is < 2000 or > 2100)
            errors.Add("startsAt", "must be an ISO 8601 time with an offset, e.g. 2026-10-14T18:30:00-04:00.");
        else if (b.Neighborhood is not null
                 && await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM neighborhoods WHERE code = @Code", new { Code = b.Neighborhood }) == 0)
            errors.Add("neighborhood", $"'{b.Neighborhood}' is not a known neighborhood code.");
        return (errors, 422, starts);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Offset();

    public static async Task<EventQueries.Event> InsertAsync(System.Data.Common.DbConnection db, CreateBody b, DateTimeOffset starts, string actor,
        DateTimeOffset now, SurveysOptions options)
    {
        var e = new EventQueries.Event
        {
            Id = Guid.CreateVersion7(now).ToString(), Neighborhood = b.Neighborhood, Kind = b.Kind!, Title = b.Title!.Trim(), StartsAt = starts.ToUnixTimeMilliseconds(),
            Month = Months.Of(starts, options.Zone), Attendance = b.Attendance, Token = NewToken(), CreatedBy = actor, CreatedAt = now.ToUnixTimeMilliseconds(),
        };
        await db.ExecuteAsync("""
            INSERT INTO events (id, neighborhood, kind, title, starts_at, month, attendance, token, created_by, created_at, updated_at)
            VALUES (@Id, @Neighborhood, @Kind, @Title, @StartsAt, @Month, @Attendance, @Token, @CreatedBy, @CreatedAt, @CreatedAt)
            """, e);
        return e;
    }

    public static async Task<EventQueries.Concern> InsertConcernAsync(System.Data.Common.DbConnection db, string eventId, string text, string actor, DateTimeOffset now)
    {
        var c = new EventQueries.Concern(Guid.CreateVersion7(now).ToString(), text.Trim(), actor, now.ToUnixTimeMilliseconds());
        await db.ExecuteAsync("INSERT INTO event_concerns (id, event_id, text, created_by, created_at) VALUES (@Id, @EventId, @Text, @CreatedBy, @CreatedAt)",
            new { c.Id, EventId = eventId, c.Text, c.CreatedBy, c.CreatedAt });
        return c;
    }
}
