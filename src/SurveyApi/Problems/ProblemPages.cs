using Microsoft.Extensions.Options;
using Surveys.Api.Flags;
using Surveys.Data;
using static Surveys.Api.FollowUps.FollowUpActions;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.ProblemSolving;

/// <summary>
/// /console/problems: the neighborhood's problems by stage, one problem (stages, actions, the
/// computed assessment) and "open a problem", prefilled from the figures or a follow-up request.
/// Another neighborhood's problem is refused (403), as in the API.
/// </summary>
public static class ProblemPages
{
    public const string BasePath = "/console/problems";

    static readonly Dictionary<string, (string Text, bool Error)> Messages = new()
    {
        ["opened"] = ("Problem opened.", false),
        ["moved"] = ("Stage changed.", false),
        ["action-added"] = ("Action added.", false),
        ["action-ended"] = ("Action updated.", false),
        ["title-approved"] = ("Public title approved.", false),
        ["not-allowed"] = ("Not possible now: forward one stage at a time, back one only with a note; a closed problem takes no actions.", true),
        ["action-invalid"] = ("Give the action a text, an owner and a due date.", true),
        ["title-invalid"] = ("Write a public title (at most 200 characters).", true),
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapGet("/new", (HttpContext context) => Page(context, "Open a problem", ProblemHtml.NewForm(context, context.Request.Query)));
        group.MapPost("/new", CreateAsync);
        group.MapGet("/{id}", DetailAsync);
        group.MapPost("/{id}/stage", MoveAsync);
        group.MapPost("/{id}/actions", AddActionAsync);
        group.MapPost("/{id}/actions/{actionId}/status", EndActionAsync);
        group.MapPost("/{id}/public-title", TitleAsync);
    }

    static async Task<IResult> ListAsync(HttpContext context, string? stage, Db db)
    {
        stage = ProblemRules.Stages.Contains(stage) ? stage : null;
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (items, _) = await ProblemQueries.ListAsync(connection, new ProblemQueries.Filter(null, FollowUps.FollowUpAccess.Scope(context.User), stage, 500, null));
        var tabs = "<p class=\"tabs\">" + $"<a href=\"{BasePath}\"{(stage is null ? " class=\"current\"" : "")}>all</a>" + string.Concat(ProblemRules.Stages.Select(s =>
            $"<a href=\"{BasePath}?stage={s}\"{(s == stage ? " class=\"current\"" : "")}>{s}</a>")) + "</p>";
        var rows = string.Concat(items.Select(p => $"<tr><td><a href=\"{BasePath}/{E(Uri.EscapeDataString(p.Id))}\">{E(p.Title)}</a></td><td>{E(p.Neighborhood)}</td>"
            + $"<td>{Status(p.Stage)}</td><td>{E(string.Join(", ", p.Items))}</td><td>{When(p.CreatedAt)}</td></tr>"));
        var table = items.Count == 0 ? "<p>No problems here.</p>"
            : $"<table><thead><tr><th>Problem</th><th>Neighborhood</th><th>Stage</th><th>Items</th><th>Opened</th></tr></thead><tbody>{rows}</tbody></table>";
        return Page(context, "Problems", $"<p><a href=\"{BasePath}/new\">Open a problem</a></p>" + tabs + table);
    }

    static async Task<IResult> CreateAsync(HttpContext context, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? One(string key) => string.IsNullOrWhiteSpace(form[key]) ? null : form[key].ToString().Trim();
        var body = new ProblemViews.CreateBody(One("neighborhood"), One("title"), One("publicTitle"), One("description"), [.. form["items"].OfType<string>()],
            One("eventId"), One("followUpId") is { } f ? [f] : null, null, One("concernId") is { } c ? [c] : null);
        IResult Again(string error, int status) => Page(context, "Open a problem", ProblemHtml.NewForm(context, new QueryCollection(form.ToDictionary()), error), status);
        var (invalid, unprocessable) = ProblemViews.Check(body);
        foreach (var (k, v) in unprocessable) invalid[k] = v;
        if (invalid.Count > 0) return Again(string.Join(" ", invalid.Select(e => $"{e.Key}: {e.Value[0]}")), 422);
        if (!ProblemRules.CanWork(context.User, body.Neighborhood!)) return Forbidden(context);
        var (id, errors) = await ProblemCreation.CreateAsync(context, db, new ProblemCreation.NewProblem(body.Neighborhood!, body.Title!, body.PublicTitle,
            body.Description!, body.Items!, body.EventId, body.FollowUpIds ?? [], [], body.ConcernIds ?? []), time.GetUtcNow());
        return id is null ? Again(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")), 422) : SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m=opened");
    }

    static async Task<IResult> DetailAsync(HttpContext context, string id, string? m, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var d = await ProblemQueries.DetailAsync(connection, id);
        if (d is null) return NotFound(context, "problem");
        if (!ProblemRules.CanWork(context.User, d.Neighborhood)) return Forbidden(context);
        var message = m is not null && Messages.TryGetValue(m, out var msg) ? Message(msg.Text, msg.Error) : "";
        return Page(context, d.Title, message + ProblemHtml.Detail(context, d, await ProblemViews.AssessmentAsync(connection, d, options.Value, time.GetUtcNow())));
    }

    static async Task<IResult> MoveAsync(HttpContext context, string id, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (stage, note) = (form["stage"].ToString(), form["note"].ToString());
        if (!ProblemRules.Stages.Contains(stage) || (note.Length > 0 && FlagActions.TextProblem(note, "note") is not null)) return Back(id, "not-allowed");
        var (outcome, _, _) = await ProblemChanges.MoveAsync(context, db, id, stage, note, time.GetUtcNow(), options.Value.Zone);
        return Done(context, id, outcome, "moved");
    }

    static async Task<IResult> AddActionAsync(HttpContext context, string id, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (text, owner, due) = (form["text"].ToString(), form["owner"].ToString(), form["dueOn"].ToString());
        if (ProblemRules.ActionErrors(text, owner, due).Count > 0) return Back(id, "action-invalid");
        var (outcome, _) = await ProblemChanges.AddActionAsync(context, db, id, text, owner, due, time.GetUtcNow());
        return Done(context, id, outcome, "action-added");
    }

    static async Task<IResult> EndActionAsync(HttpContext context, string id, string actionId, Db db, TimeProvider time)
    {
        var status = (await context.Request.ReadFormAsync(context.RequestAborted))["status"].ToString();
        if (!ProblemRules.ActionEnds.Contains(status)) return Back(id, "not-allowed");
        return Done(context, id, await ProblemChanges.EndActionAsync(context, db, id, actionId, status, time.GetUtcNow()), "action-ended");
    }

    static async Task<IResult> TitleAsync(HttpContext context, string id, Db db, TimeProvider time)
    {
        var title = (await context.Request.ReadFormAsync(context.RequestAborted))["publicTitle"].ToString();
        if (ProblemRules.TitleProblem(title, "publicTitle") is not null) return Back(id, "title-invalid");
        var (outcome, _) = await ProblemChanges.ApproveTitleAsync(context, db, id, title, time.GetUtcNow());
        return Done(context, id, outcome, "title-approved");
    }

    static IResult Back(string id, string m) => SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m={m}");

    static IResult Done(HttpContext context, string id, Outcome outcome, string m) => outcome switch
    {
        Outcome.Done => Back(id, m),
        Outcome.Forbidden => Forbidden(context),
        Outcome.NotFound => NotFound(context, "problem or action"),
        _ => Back(id, "not-allowed"),
    };
}
