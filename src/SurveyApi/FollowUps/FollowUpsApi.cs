using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.FollowUps;
using Surveys.Rules;
using Surveys.Security;
using static Surveys.Api.FollowUps.FollowUpActions;

namespace Surveys.Api.FollowUps;

/// <summary>Follow-up requests (api-contract.md, "Follow-up requests"): list, detail (audited), phone (audited), notes, status.</summary>
public static class FollowUpsApi
{
    public sealed record ItemView(string Id, string Neighborhood, DateTimeOffset CreatedAt, DateTimeOffset DueAt, string Status, bool Overdue,
        bool DueSoon, string? Outcome, string[] Officers, int Overall, DateTimeOffset? ContactedAt);
    public sealed record Page(List<ItemView> Items, string? NextCursor);
    public sealed record NoteView(string Id, string Author, string Text, DateTimeOffset Created);
    public sealed record HistoryView(string From, string To, string? Outcome, string? Note, string Actor, DateTimeOffset At);
    public sealed record TextView(string Kind, string Status);
    /// <summary>The item plus the resident's words (<c>commentHtml</c> HTML-encoded), notes and history; never the phone.</summary>
    public sealed record DetailView(string Id, string Neighborhood, DateTimeOffset CreatedAt, DateTimeOffset DueAt, string Status, bool Overdue,
        bool DueSoon, string? Outcome, string[] Officers, int Overall, DateTimeOffset? ContactedAt, string? NeighborhoodName, string? Lieutenant,
        Dictionary<string, int> Answers, string? Comment, string? CommentHtml, string Language, string ContactType, DateTimeOffset OccurredAt,
        bool PhoneRetained, List<NoteView> Notes, List<HistoryView> History, List<TextView> Texts);
    public sealed record NoteBody(string? Text);
    public sealed record StatusBody(string? Status, string? Outcome, string? Note);

    public static void MapFollowUps(this IEndpointRouteBuilder app)
    {
        // Lieutenants pass the policy; each handler checks the neighborhood is their own (403 otherwise).
        var group = app.MapGroup("/api/v1/follow-ups").WithTags("Follow-ups").RequireAuthorization(AccessPolicies.Figures);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/{id}/phone", Phone);
        group.MapPost("/{id}/notes", AddNote);
        group.MapPost("/{id}/status", ChangeStatus);
    }

    static async Task<IResult> List(HttpContext context, string? neighborhood, string? status, int? limit, string? cursor, Db db,
        TimeProvider time, IOptions<SurveysOptions> options)
    {
        var errors = new FieldErrors();
        if (status is not null && !FollowUpQueries.Filters.Contains(status)) errors.Add("status", $"must be one of {string.Join(", ", FollowUpQueries.Filters)}.");
        if (limit is < 1 or > 1000) errors.Add("limit", "must be from 1 to 1000.");
        if (!FollowUpQueries.TryCursor(cursor, out var after)) errors.Add("cursor", "is not a cursor this list returned.");
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (neighborhood is not null && !FollowUpAccess.CanWork(context.User, neighborhood)) return Refused(Outcome.Forbidden, neighborhood);

        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (items, next) = await FollowUpQueries.ListAsync(connection,
            new FollowUpQueries.Filter(neighborhood, FollowUpAccess.Scope(context.User), status, limit ?? 100, after, now));
        return TypedResults.Ok(new Page(items.Select(i => View(i, now, options.Value.FollowUp)).ToList(), next));
    }

    static async Task<IResult> Get(string id, HttpContext context, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var now = time.GetUtcNow();
        var (outcome, d) = await ReadAsync(context, db, id, now);
        if (outcome != Outcome.Done) return Refused(outcome, id);
        var i = View(d!, now, options.Value.FollowUp);
        return TypedResults.Json(new DetailView(i.Id, i.Neighborhood, i.CreatedAt, i.DueAt, i.Status, i.Overdue, i.DueSoon, i.Outcome, i.Officers,
            i.Overall, i.ContactedAt, d!.NeighborhoodName, d.Lieutenant, Answers(d), d.Comment, d.Comment is null ? null : HtmlEncoder.Default.Encode(d.Comment),
            d.Language, d.ContactType, Time(d.OccurredAt), d.PhoneRetained,
            d.Notes.Select(n => new NoteView(n.Id, n.Author, n.Text, Time(n.CreatedAt))).ToList(),
            d.History.Select(h => new HistoryView(h.From, h.To, h.Outcome, h.Note, h.Actor, Time(h.At))).ToList(),
            d.Texts.Select(t => new TextView(t.Kind, t.Status)).ToList()), FlagsApi.Escaped);
    }

    static async Task<IResult> Phone(string id, HttpContext context, Db db, PhoneProtector phones, TimeProvider time)
    {
        var (outcome, phone) = await RevealPhoneAsync(context, db, phones, id, time.GetUtcNow());
        if (outcome != Outcome.Done) return Refused(outcome, id);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new { phone });
    }

    static async Task<IResult> AddNote(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<NoteBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (FlagActions.TextProblem(body!.Text, "text") is { } problem) return Problems.Invalid(new FieldErrors { { "text", problem } });
        var (outcome, note) = await AddNoteAsync(context, db, id, body.Text!, time.GetUtcNow());
        if (outcome != Outcome.Done) return Refused(outcome, id);
        context.Response.Headers.Location = $"/api/v1/follow-ups/{id}";
        return TypedResults.Json(new NoteView(note!.Id, note.Author, note.Text, note.Created), FlagsApi.Escaped, statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> ChangeStatus(string id, HttpContext context, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var (body, error) = await JsonBody.ReadAsync<StatusBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (StatusErrors(body!.Status, body.Outcome, body.Note) is { Count: > 0 } errors) return Problems.Invalid(errors);
        var (outcome, from) = await ChangeStatusAsync(context, db, id, body.Status!, body.Outcome, body.Note, options.Value.FollowUp.NotifyResident, time.GetUtcNow());
        return outcome switch
        {
            Outcome.Done => TypedResults.Ok(new { id, status = body.Status, outcome = body.Outcome, previous = from }),
            Outcome.Conflict => Problems.Status(StatusCodes.Status409Conflict, "Invalid status change",
                $"A follow-up that is '{from}' cannot become '{body.Status}'; allowed: open → contacted → closed, or open → closed."),
            _ => Refused(outcome, id),
        };
    }

    /// <summary>The body's rules, shared with the console form.</summary>
    public static FieldErrors StatusErrors(string? status, string? outcome, string? note)
    {
        var errors = new FieldErrors();
        if (status is not (FollowUpQueries.Contacted or FollowUpQueries.Closed)) errors.Add("status", "must be contacted or closed.");
        if (status == FollowUpQueries.Closed && outcome is null) errors.Add("outcome", $"is required when closing: one of {string.Join(", ", Outcomes)}.");
        else if (outcome is not null && !Outcomes.Contains(outcome)) errors.Add("outcome", $"must be one of {string.Join(", ", Outcomes)}.");
        else if (outcome is not null && status == FollowUpQueries.Contacted) errors.Add("outcome", "is given only when closing.");
        if (note is not null && FlagActions.TextProblem(note, "note") is { } problem) errors.Add("note", problem);
        return errors;
    }

    static IResult Refused(Outcome outcome, string id) => outcome switch
    {
        Outcome.NotFound => Problems.NotFound($"No follow-up request '{id}'."),
        Outcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "This follow-up request belongs to a neighborhood that is not yours."),
        Outcome.Gone => Problems.Status(StatusCodes.Status410Gone, "Phone number no longer available",
            "The number is shown only while the request is open or contacted and the number is still retained."),
        _ => Problems.Status(StatusCodes.Status409Conflict, "Conflict", "The request changed meanwhile."),
    };

    public static ItemView View(FollowUpQueries.Item i, DateTimeOffset now, FollowUpOptions o) =>
        new(i.Id, i.Neighborhood, Time(i.CreatedAt), Time(i.DueAt), i.Status, DueClock.IsOverdue(i.Status, i.DueAt, now),
            DueClock.IsDueSoon(i.Status, i.DueAt, now, o.DueSoon), i.Outcome, [.. i.Officers], i.Overall, i.ContactedAt is { } c ? Time(c) : null);

    public static Dictionary<string, int> Answers(FollowUpQueries.Detail d)
    {
        var answers = new Dictionary<string, int> { ["overall"] = d.Overall };
        foreach (var (item, value) in new[] { ("respect", d.Respect), ("voice", d.Voice), ("fairness", d.Fairness), ("explanation", d.Explanation), ("trust", d.Trust) })
            if (value is { } v) answers[item] = v;
        return answers;
    }

    static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
