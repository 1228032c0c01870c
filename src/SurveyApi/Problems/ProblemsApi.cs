using Microsoft.Extensions.Options;
using Surveys.Api.FollowUps;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;
using static Surveys.Api.FollowUps.FollowUpActions;
using static Surveys.Api.ProblemSolving.ProblemViews;

namespace Surveys.Api.ProblemSolving;

/// <summary>Problems (api-contract.md, "Problems"; docs/problems.md): open, list, read with the computed assessment, move stages, actions, public title.</summary>
public static class ProblemsApi
{
    public static void MapProblems(this IEndpointRouteBuilder app)
    {
        // Lieutenants pass the policy; each handler checks the neighborhood is their own (403 otherwise).
        var g = app.MapGroup("/api/v1/problems").WithTags("Problems").RequireAuthorization(AccessPolicies.Figures)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        g.MapPost("/", Create).WithSummary("Open a problem from evidence (scanning)").Accepts<CreateBody>("application/json")
            .Produces<Created>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        g.MapGet("/", List).WithSummary("Problems, newest first; a lieutenant's own neighborhood only").Produces<Page>().ProducesValidationProblem();
        g.MapGet("/{id}", Get).WithSummary("One problem with its actions, history, evidence and (from the response stage on) assessment")
            .Produces<DetailView>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id}/stage", Move).WithSummary("Move one stage forward, or back one with a note").Accepts<StageBody>("application/json")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id}/actions", AddAction).WithSummary("Add an action (owner, due date)").Accepts<ActionBody>("application/json")
            .Produces<CreatedAction>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id}/actions/{actionId}/status", EndAction).WithSummary("Mark an open action done or dropped").Accepts<ActionStatusBody>("application/json")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id}/public-title", PublicTitle).WithSummary("Set or approve the public title (chief, admin)").Accepts<PublicTitleBody>("application/json")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    static async Task<IResult> Create(HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<CreateBody>(context.Request, strict: true);
        if (error is not null) return error;
        var (invalid, unprocessable) = Check(body!);
        if (invalid.Count > 0) return Problems.Invalid(invalid);
        if (!ProblemRules.CanWork(context.User, body!.Neighborhood!)) return Refused(Outcome.Forbidden, body.Neighborhood!);
        if (body.FlagIds is { Length: > 0 } && !ProblemRules.IsCommand(context.User))
            return Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "Only a chief or an admin may cite flags (flagIds).");
        if (unprocessable.Count > 0) return Problems.Unprocessable(unprocessable);
        var (id, errors) = await ProblemCreation.CreateAsync(context, db, new ProblemCreation.NewProblem(body.Neighborhood!, body.Title!, body.PublicTitle,
            body.Description!.Trim(), body.Items!, body.EventId, body.FollowUpIds ?? [], body.FlagIds ?? [], body.ConcernIds ?? []), time.GetUtcNow());
        if (id is null) return Problems.Unprocessable(errors);
        context.Response.Headers.Location = $"/api/v1/problems/{id}";
        return TypedResults.Json(new Created(id, ProblemRules.Scanning), statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> List(HttpContext context, string? neighborhood, string? stage, int? limit, string? cursor, Db db)
    {
        var errors = new FieldErrors();
        if (stage is not null && !ProblemRules.Stages.Contains(stage)) errors.Add("stage", $"must be one of {string.Join(", ", ProblemRules.Stages)}.");
        if (limit is < 1 or > 1000) errors.Add("limit", "must be from 1 to 1000.");
        if (!FollowUpQueries.TryCursor(cursor, out var before)) errors.Add("cursor", "is not a cursor this list returned.");
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (neighborhood is not null && !ProblemRules.CanWork(context.User, neighborhood)) return Refused(Outcome.Forbidden, neighborhood);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (items, next) = await ProblemQueries.ListAsync(connection,
            new ProblemQueries.Filter(neighborhood, FollowUpAccess.Scope(context.User), stage, limit ?? 100, before));
        return TypedResults.Ok(new Page(items.Select(Item).ToList(), next));
    }

    static async Task<IResult> Get(string id, HttpContext context, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var d = await ProblemQueries.DetailAsync(connection, id);
        if (d is null) return Refused(Outcome.NotFound, id);
        if (!ProblemRules.CanWork(context.User, d.Neighborhood)) return Refused(Outcome.Forbidden, id);
        return TypedResults.Ok(Detail(d, await AssessmentAsync(connection, d, options.Value, time.GetUtcNow())));
    }

    static async Task<IResult> Move(string id, HttpContext context, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var (body, error) = await JsonBody.ReadAsync<StageBody>(context.Request, strict: true);
        if (error is not null) return error;
        var errors = new FieldErrors();
        if (!ProblemRules.Stages.Contains(body!.Stage)) errors.Add("stage", $"must be one of {string.Join(", ", ProblemRules.Stages)}.");
        if (body.Note is not null && Flags.FlagActions.TextProblem(body.Note, "note") is { } n && !string.IsNullOrWhiteSpace(body.Note)) errors.Add("note", n);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var (outcome, from, why) = await ProblemChanges.MoveAsync(context, db, id, body.Stage!, body.Note, time.GetUtcNow(), options.Value.Zone);
        return outcome switch
        {
            Outcome.Done => TypedResults.Ok(new { id, stage = body.Stage, previous = from }),
            Outcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Invalid stage change", detail: why,
                extensions: new Dictionary<string, object?> { ["from"] = from, ["to"] = body.Stage }),
            _ => Refused(outcome, id),
        };
    }

    static async Task<IResult> AddAction(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<ActionBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (ProblemRules.ActionErrors(body!.Text, body.Owner, body.DueOn) is { Count: > 0 } errors) return Problems.Invalid(errors);
        var (outcome, actionId) = await ProblemChanges.AddActionAsync(context, db, id, body.Text!, body.Owner!, body.DueOn!, time.GetUtcNow());
        if (outcome != Outcome.Done) return Refused(outcome, id);
        context.Response.Headers.Location = $"/api/v1/problems/{id}";
        return TypedResults.Json(new CreatedAction(actionId!), statusCode: StatusCodes.Status201Created);
    }

    static async Task<IResult> EndAction(string id, string actionId, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<ActionStatusBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (!ProblemRules.ActionEnds.Contains(body!.Status)) return Problems.Invalid(new FieldErrors { { "status", "must be done or dropped." } });
        var outcome = await ProblemChanges.EndActionAsync(context, db, id, actionId, body.Status!, time.GetUtcNow());
        return outcome == Outcome.Done ? TypedResults.Ok(new { id = actionId, status = body.Status }) : Refused(outcome, id);
    }

    static async Task<IResult> PublicTitle(string id, HttpContext context, Db db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync<PublicTitleBody>(context.Request, strict: true);
        if (error is not null) return error;
        if (body!.PublicTitle is not null && ProblemRules.TitleProblem(body.PublicTitle, "publicTitle") is { } p)
            return Problems.Invalid(new FieldErrors { { "publicTitle", p } });
        var (outcome, title) = await ProblemChanges.ApproveTitleAsync(context, db, id, body.PublicTitle, time.GetUtcNow());
        return outcome switch
        {
            Outcome.Done => TypedResults.Ok(new { id, publicTitle = title, publicTitleApproved = true }),
            Outcome.Gone => Problems.Unprocessable(new FieldErrors { { "publicTitle", "is required: the problem has no public title to approve." } }),
            _ => Refused(outcome, id),
        };
    }

    static IResult Refused(Outcome outcome, string id) => outcome switch
    {
        Outcome.NotFound => Problems.NotFound($"No problem or action '{id}'."),
        Outcome.Forbidden => Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "This belongs to a neighborhood that is not yours, or needs a chief or an admin."),
        _ => Problems.Status(StatusCodes.Status409Conflict, "Conflict", "Not possible in the problem's or the action's current state (a closed problem takes no actions; an action ends once)."),
    };
}
