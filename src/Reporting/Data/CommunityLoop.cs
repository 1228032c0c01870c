using System.Data.Common;
using Dapper;
using Surveys.Figures;

namespace Surveys.Reporting.Data;

public sealed record LoopEvent(string Id, string Kind, string Title, DateTimeOffset StartsAt, int? Attendance, string? Neighborhood,
    long Answers, IReadOnlyDictionary<string, ItemFigures> Figures, IReadOnlyList<string> Concerns);

public sealed record LoopAction(string Text, string Owner, string DueOn, string Status)
{
    /// <summary>Still open after its due date (<paramref name="today"/>: yyyy-MM-dd in the agency's zone).</summary>
    public bool OverdueOn(string today) => Status == "open" && string.CompareOrdinal(DueOn, today) < 0;
}

public sealed record LoopProblem(string Id, string Neighborhood, string Title, string Stage, string? ResponseStartedOn,
    IReadOnlyList<string> Items, IReadOnlyList<LoopAction> Actions)
{
    /// <summary>For a problem in assessment (or closed this month): the computed before/after figures up to the report month.</summary>
    public Surveys.ProblemSolving.Assessment? Assessment { get; init; }
}

/// <summary>
/// "What we heard, what we did": the meetings and events of the month with their survey results
/// and the concerns raised there, and the problems being worked (or closed this month) with their
/// actions and, from the response stage on, the assessment. Problems and actions are as they stand
/// when the report is rendered (a report says "as of" its date); events belong to their month.
/// </summary>
public sealed record CommunityLoop(IReadOnlyList<LoopEvent> Events, IReadOnlyList<LoopProblem> Problems)
{
    public static readonly string[] Stages = ["scanning", "analysis", "response", "assessment", "closed"];

    /// <summary>One neighborhood (its own events and problems), or, with a null code, the whole city.</summary>
    public static async Task<CommunityLoop> LoadAsync(DbConnection db, string? code, ReportContext context)
    {
        const string eventsSql = """
            SELECT id, kind, title, starts_at AS StartsAt, attendance, neighborhood FROM events
            WHERE month = @Month AND (@Code IS NULL OR neighborhood = @Code)
            ORDER BY starts_at, id
            """;
        const string concernsSql = "SELECT event_id AS EventId, text FROM event_concerns WHERE event_id = @Id ORDER BY created_at, id";
        var events = new List<LoopEvent>();
        foreach (var e in await db.QueryAsync<(string Id, string Kind, string Title, long StartsAt, int? Attendance, string? Neighborhood)>(
                     eventsSql, new { context.Month, Code = code }))
        {
            var figures = await EventFigures.LoadAsync(db, e.Id, context.Month, context.MinResponses);
            var concerns = (await db.QueryAsync<(string EventId, string Text)>(concernsSql, new { e.Id })).Select(c => c.Text).ToList();
            events.Add(new LoopEvent(e.Id, e.Kind, e.Title, DateTimeOffset.FromUnixTimeMilliseconds(e.StartsAt), e.Attendance, e.Neighborhood,
                Math.Max(figures.Responses, figures.Items.Values.Max(i => i.N)), figures.Items, concerns));
        }
        return new CommunityLoop(events, await LoadProblemsAsync(db, code, context));
    }

    static async Task<IReadOnlyList<LoopProblem>> LoadProblemsAsync(DbConnection db, string? code, ReportContext context)
    {
        // Open problems, and those closed since the report month began: a closed problem is
        // reported once, in the month it was closed, then leaves the page.
        const string problemsSql = """
            SELECT id, neighborhood, title, stage, response_started_on AS ResponseStartedOn FROM problems
            WHERE (@Code IS NULL OR neighborhood = @Code) AND (stage <> 'closed' OR updated_at >= @MonthStart)
            ORDER BY neighborhood, created_at, id
            """;
        const string itemsSql = "SELECT item FROM problem_items WHERE problem_id = @Id ORDER BY item";
        const string actionsSql = "SELECT text, owner, due_on AS DueOn, status FROM problem_actions WHERE problem_id = @Id ORDER BY due_on, id";
        var monthStart = Surveys.Rules.Months.End(context.PreviousMonth, context.Zone).ToUnixTimeMilliseconds();
        var problems = new List<LoopProblem>();
        foreach (var p in await db.QueryAsync<(string Id, string Neighborhood, string Title, string Stage, string? ResponseStartedOn)>(
                     problemsSql, new { Code = code, MonthStart = monthStart }))
        {
            var items = (await db.QueryAsync<string>(itemsSql, new { p.Id })).ToList();
            var actions = (await db.QueryAsync<LoopAction>(actionsSql, new { p.Id })).ToList();
            var assessment = p.Stage is "assessment" or "closed" && p.ResponseStartedOn is { } started && items.Count > 0
                ? await Surveys.ProblemSolving.ProblemAssessment.ComputeAsync(db, p.Neighborhood, items,
                    DateOnly.ParseExact(started, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), context.Month, context.Options)
                : null;
            problems.Add(new LoopProblem(p.Id, p.Neighborhood, p.Title, p.Stage, p.ResponseStartedOn, items, actions) { Assessment = assessment });
        }
        return problems;
    }
}
