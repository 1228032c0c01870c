using System.Text.Encodings.Web;
using System.Text.Json;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;

namespace Surveys.Api.Flags;

/// <summary>The internal-affairs queue (api-contract.md, "Flags"): list, detail (audited), notes, decisions.</summary>
public static class FlagsApi
{
    public sealed record FlagSummary(string Id, string[] Reasons, string? Categories, DateTimeOffset Created, DateTimeOffset Updated,
        string[] Officers, string Neighborhood, string Status);
    public sealed record ReasonView(string Reason, string Rule, string? Detail);
    public sealed record OfficerView(string Badge, string? Name);
    public sealed record NeighborhoodView(string Code, string? Name);
    public sealed record ContactView(string ExternalId, string Type, DateTimeOffset OccurredAt, string Language);
    /// <summary><c>comment</c> as written (JSON-escaped); <c>commentHtml</c> HTML-encoded with bidi controls shown as [U+202E] markers, safe to put in a page as is.</summary>
    public sealed record ResponseView(string Id, Dictionary<string, int> Answers, string? Comment, string? CommentHtml, bool WantsComplaint,
        bool WantsFollowUp, bool ShareComment, string Channel, DateTimeOffset SubmittedAt);
    public sealed record NoteView(string Id, string Author, string Text, DateTimeOffset Created);
    public sealed record HistoryView(string From, string To, string Reason, string Actor, DateTimeOffset At);
    public sealed record FlagDetail(string Id, string Status, string? StatusReason, DateTimeOffset Created, DateTimeOffset Updated,
        List<ReasonView> Reasons, NeighborhoodView Neighborhood, List<OfficerView> Officers, ContactView Contact, ResponseView Response,
        List<NoteView> Notes, List<HistoryView> History, string[] NextStatuses)
    {
        /// <summary>Set when the flag is on an event survey answer (docs/events.md); it then has no officers and no contact.</summary>
        public EventRef? Event { get; init; }
    }
    public sealed record EventRef(string Id, string Title);
    public sealed record NoteBody(string? Text);
    public sealed record StatusBody(string? Status, string? Reason);

    // The default web JSON leaves < > & ' as they are; here the resident's and staff's free text is
    // \u-escaped, so a body shown by anything that mistakes it for markup can never run as markup.
    internal static readonly JsonSerializerOptions Escaped = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    public static void MapFlags(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/flags").WithTags("Flags").RequireAuthorization(AccessPolicies.Ia);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/{id}/notes", AddNote);
        group.MapPost("/{id}/status", ChangeStatus);
    }

    static async Task<IResult> List(string? status, string? reason, string? neighborhood, string? officer, int? limit, int? offset, Db db)
    {
        var errors = new FieldErrors();
        if (status is not null && !FlagWorkflow.Statuses(FlagWorkflow.Ia).Contains(status))
            errors.Add("status", $"must be one of {string.Join(", ", FlagWorkflow.Statuses(FlagWorkflow.Ia))}.");
        if (reason is not null && reason is not ("complaint" or "allegation")) errors.Add("reason", "must be complaint or allegation.");
        // Filters reach SQL as parameters; a code they could never match (or a NUL PostgreSQL refuses) is a 400, not a 500.
        if (neighborhood is not null && !Validation.Code().IsMatch(neighborhood)) errors.Add("neighborhood", "must be a neighborhood code.");
        if (officer is not null && !Validation.Code().IsMatch(officer)) errors.Add("officer", "must be a badge.");
        if (limit is < 1 or > 500) errors.Add("limit", "must be from 1 to 500.");
        if (offset is < 0) errors.Add("offset", "must not be negative.");
        if (errors.Count > 0) return Problems.Invalid(errors);

        await using var connection = await db.OpenAsync();
        var flags = await FlagQueries.ListAsync(connection, new FlagQueries.Filter(FlagWorkflow.Ia, status, reason, neighborhood, officer, null, limit ?? 100, offset ?? 0));
        return TypedResults.Ok(flags.Select(f => new FlagSummary(f.Id, f.Reasons.Select(r => r.Name).ToArray(),
            f.Reasons.FirstOrDefault(r => r.Name == "allegation")?.Detail, Time(f.CreatedAt), Time(f.UpdatedAt), f.Officers.ToArray(), f.Neighborhood, f.Status)));
    }

    static async Task<IResult> Get(string id, HttpContext context, Db db, TimeProvider time)
    {
        var d = await FlagActions.ReadAsync(context, db, id, "flag.read", time.GetUtcNow());
        if (d is null) return Problems.NotFound($"No flag '{id}'.");
        var answers = new Dictionary<string, int> { ["overall"] = d.Overall };
        foreach (var (item, value) in new[] { ("respect", d.Respect), ("voice", d.Voice), ("fairness", d.Fairness), ("explanation", d.Explanation), ("trust", d.Trust) })
            if (value is { } v) answers[item] = v;
        return TypedResults.Json(new FlagDetail(d.Id, d.Status, d.StatusReason, Time(d.CreatedAt), Time(d.UpdatedAt),
            d.Reasons.Select(r => new ReasonView(r.Name, r.Rule, r.Detail)).ToList(), new NeighborhoodView(d.Neighborhood, d.NeighborhoodName),
            d.Officers.Select(o => new OfficerView(o.Badge, o.Name)).ToList(), new ContactView(d.ExternalId, d.ContactType, Time(d.OccurredAt), d.Language),
            new ResponseView(d.ResponseId, answers, d.Comment, d.Comment is null ? null : HtmlEncoder.Default.Encode(Validation.ShowBidiControls(d.Comment)), d.WantsComplaint,
                d.WantsFollowUp, d.ShareComment, d.Channel, Time(d.SubmittedAt)),
            d.Notes.Select(n => new NoteView(n.Id, n.Author, n.Text, Time(n.CreatedAt))).ToList(),
            d.History.Select(h => new HistoryView(h.From, h.To, h.Reason, h.Actor, Time(h.At))).ToList(),
            [.. FlagWorkflow.NextStatuses(d.Queue, d.Status)]) { Event = d.EventId is null ? null : new EventRef(d.EventId, d.EventTitle ?? "") }, Escaped);
    }

    static async Task<IResult> AddNote(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<NoteBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (FlagActions.TextProblem(body!.Text, "text") is { } problem) return Problems.Invalid(new FieldErrors { { "text", problem } });
        var (outcome, note) = await FlagActions.AddNoteAsync(context, db, id, body.Text!, "flag.note", time.GetUtcNow());
        if (outcome == FlagActions.Outcome.Done) context.Response.Headers.Location = $"/api/v1/flags/{id}";
        return outcome == FlagActions.Outcome.NotFound ? Problems.NotFound($"No flag '{id}'.")
            : TypedResults.Json(new NoteView(note!.Id, note.Author, note.Text, note.Created), Escaped, statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> ChangeStatus(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<StatusBody>(context.Request, strict: true);
        if (error is not null) return error;
        var errors = new FieldErrors();
        var statuses = FlagWorkflow.Statuses(FlagWorkflow.Ia).Skip(1).ToArray();
        if (body!.Status is null || !statuses.Contains(body.Status)) errors.Add("status", $"must be one of {string.Join(", ", statuses)}.");
        if (FlagActions.TextProblem(body.Reason, "reason") is { } problem) errors.Add("reason", problem);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var (outcome, from) = await FlagActions.ChangeStatusAsync(context, db, id, body.Status!, body.Reason!, "flag.status", time.GetUtcNow());
        return outcome switch
        {
            FlagActions.Outcome.NotFound => Problems.NotFound($"No flag '{id}'."),
            FlagActions.Outcome.Done => TypedResults.Ok(new { id, status = body.Status, previous = from }),
            _ => Problems.Status(StatusCodes.Status409Conflict, "Invalid status change",
                $"A flag that is '{from}' cannot become '{body.Status}'; allowed next: {Allowed(from!)}."),
        };
    }

    static string Allowed(string from) => FlagWorkflow.NextStatuses(FlagWorkflow.Ia, from) is { Count: > 0 } next ? string.Join(", ", next) : "none (final)";

    static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
