using System.Globalization;
using Surveys.ProblemSolving;
using Surveys.Rules;

namespace Surveys.Api.ProblemSolving;

/// <summary>The problems API's JSON (api-contract.md, "Problems"); the console renders the same objects.</summary>
public static class ProblemViews
{
    public sealed record CreateBody(string? Neighborhood, string? Title, string? PublicTitle, string? Description, string[]? Items,
        string? EventId, string[]? FollowUpIds, string[]? FlagIds, string[]? ConcernIds);
    public sealed record StageBody(string? Stage, string? Note);
    public sealed record ActionBody(string? Text, string? Owner, string? DueOn);
    public sealed record ActionStatusBody(string? Status);
    public sealed record PublicTitleBody(string? PublicTitle);

    public sealed record Created(string Id, string Stage);
    public sealed record CreatedAction(string Id);
    public sealed record ItemView(string Id, string Neighborhood, string Title, string? PublicTitle, bool PublicTitleApproved, string Stage,
        string? ResponseStartedOn, List<string> Items, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record Page(List<ItemView> Items, string? NextCursor);
    public sealed record EvidenceView(string Kind, string Id);
    public sealed record ActionView(string Id, string Text, string Owner, string DueOn, string Status, string CreatedBy, DateTimeOffset CreatedAt,
        DateTimeOffset? ClosedAt);
    public sealed record HistoryView(string? From, string To, string? Note, string Actor, DateTimeOffset At);

    /// <summary><c>Assessment</c> is present from the response stage on (null before).</summary>
    public sealed record DetailView(string Id, string Neighborhood, string Title, string? PublicTitle, bool PublicTitleApproved, string Description,
        string Stage, string? ResponseStartedOn, List<string> Items, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        List<EvidenceView> Evidence, List<ActionView> Actions, List<HistoryView> History, Assessment? Assessment);

    public static ItemView Item(ProblemQueries.Row r) => new(r.Id, r.Neighborhood, r.Title, r.PublicTitle, r.PublicTitleApprovedBy is not null, r.Stage,
        r.ResponseStartedOn, r.Items, r.CreatedBy, Time(r.CreatedAt), Time(r.UpdatedAt));

    public static DetailView Detail(ProblemQueries.Detail d, Assessment? assessment) => new(d.Id, d.Neighborhood, d.Title, d.PublicTitle,
        d.PublicTitleApprovedBy is not null, d.Description, d.Stage, d.ResponseStartedOn, d.Items, d.CreatedBy, Time(d.CreatedAt), Time(d.UpdatedAt),
        d.Evidence.Select(e => new EvidenceView(e.Kind, e.RefId)).ToList(),
        d.Actions.Select(a => new ActionView(a.Id, a.Text, a.Owner, a.DueOn, a.Status, a.CreatedBy, Time(a.CreatedAt), a.ClosedAt is { } c ? Time(c) : null)).ToList(),
        d.History.Select(h => new HistoryView(h.From, h.To, h.Note, h.Actor, Time(h.At))).ToList(), assessment);

    /// <summary>The assessment up to the agency's current month; null before the response stage.</summary>
    public static async Task<Assessment?> AssessmentAsync(System.Data.Common.DbConnection db, ProblemQueries.Row p, SurveysOptions options, DateTimeOffset now) =>
        ProblemRules.IsStarted(p.Stage) && p.ResponseStartedOn is { } on
            ? await ProblemAssessment.ComputeAsync(db, p.Neighborhood, p.Items, DateOnly.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Months.Of(now, options.Zone), options)
            : null;

    /// <summary>The create body's shape rules (400); references are checked against the database (422).</summary>
    public static (FieldErrors Invalid, FieldErrors Unprocessable) Check(CreateBody b)
    {
        var (invalid, unprocessable) = (new FieldErrors(), new FieldErrors());
        if (string.IsNullOrWhiteSpace(b.Neighborhood)) invalid.Add("neighborhood", "is required.");
        if (ProblemRules.TitleProblem(b.Title, "title") is { } t) invalid.Add("title", t);
        if (b.PublicTitle is not null && ProblemRules.TitleProblem(b.PublicTitle, "publicTitle") is { } pt) invalid.Add("publicTitle", pt);
        if (Flags.FlagActions.TextProblem(b.Description, "description") is { } d) invalid.Add("description", d);
        if (b.Items is not { Length: > 0 }) invalid.Add("items", $"must list at least one of {string.Join(", ", Instrument.Items)}.");
        else if (b.Items.FirstOrDefault(i => !Instrument.IsItem(i)) is { } bad) unprocessable.Add("items", $"'{bad}' is not an item of the instrument ({string.Join(", ", Instrument.Items)}).");
        foreach (var (field, ids) in new[] { ("followUpIds", b.FollowUpIds), ("flagIds", b.FlagIds), ("concernIds", b.ConcernIds) })
            if (ids?.Any(string.IsNullOrWhiteSpace) == true) invalid.Add(field, "must not contain empty ids.");
        if (b.EventId is not null && string.IsNullOrWhiteSpace(b.EventId)) invalid.Add("eventId", "must not be empty.");
        return (invalid, unprocessable);
    }

    static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
