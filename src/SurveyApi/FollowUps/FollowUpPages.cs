using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Flags;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Security;
using static Surveys.Api.FollowUps.FollowUpActions;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.FollowUps;

/// <summary>
/// /console/follow-ups: the lieutenant's day (open, due soon, overdue, contacted, closed), one
/// request with the resident's answers, notes, status and outcome, and "show phone number".
/// Another neighborhood's request is refused (403) and the attempt is in the audit log.
/// </summary>
public static class FollowUpPages
{
    public const string BasePath = "/console/follow-ups";
    static readonly string[] Tabs = ["open", "due-soon", "overdue", "contacted", "closed"];

    static readonly Dictionary<string, (string Text, bool Error)> Messages = new()
    {
        ["note-added"] = ("Note added.", false),
        ["status-changed"] = ("Status changed.", false),
        ["text-required"] = ("Write a note (at most 4,000 characters).", true),
        ["outcome-required"] = ("Choose contacted, or closed with an outcome (and keep the note under 4,000 characters).", true),
        ["not-allowed"] = ("That status change is not allowed from the current status.", true),
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", DetailAsync);
        group.MapPost("/{id}/notes", NoteAsync);
        group.MapPost("/{id}/status", StatusAsync);
        group.MapPost("/{id}/phone", PhoneAsync);
    }

    static async Task<IResult> ListAsync(HttpContext context, string? show, string? neighborhood, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        show = Tabs.Contains(show) ? show : "open";
        if (neighborhood is not null && !FollowUpAccess.CanWork(context.User, neighborhood)) return Forbidden(context);
        var now = time.GetUtcNow();
        var o = options.Value.FollowUp;
        var filter = show switch { "due-soon" => "open", _ => show };
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var (items, _) = await FollowUpQueries.ListAsync(connection, new FollowUpQueries.Filter(neighborhood, FollowUpAccess.Scope(context.User), filter, 500,
            null, now, DueBefore: show == "due-soon" ? now.Add(o.DueSoon).ToUnixTimeMilliseconds() : null));
        var views = items.Select(i => FollowUpsApi.View(i, now, o)).Where(v => show != "due-soon" || v.DueSoon).ToList();

        var hood = neighborhood is null ? "" : $"&neighborhood={Uri.EscapeDataString(neighborhood)}";
        var tabs = "<p class=\"tabs\">" + string.Concat(Tabs.Select(t =>
            $"<a href=\"{BasePath}?show={t}{E(hood)}\"{(t == show ? " class=\"current\"" : "")}>{E(t.Replace('-', ' '))}</a>")) + "</p>";
        var rows = string.Concat(views.Select(v => $"""
            <tr><td><a href="{BasePath}/{E(v.Id)}">{When(v.DueAt.ToUnixTimeMilliseconds())}</a>{(v.Overdue ? " <span class=\"tag\">overdue</span>" : v.DueSoon ? " <span class=\"tag\">due soon</span>" : "")}</td>
            <td>{When(v.CreatedAt.ToUnixTimeMilliseconds())}</td><td>{E(v.Neighborhood)}</td><td class="num">{v.Overall}</td>
            <td>{E(string.Join(", ", v.Officers))}</td><td>{Status(v.Status)}{(v.Outcome is null ? "" : $" {E(v.Outcome)}")}</td></tr>
            """));
        var scope = FollowUpAccess.Scope(context.User) is { } own ? $"<p class=\"muted\">Neighborhood(s): {E(string.Join(", ", own))}</p>" : "";
        var table = views.Count == 0 ? "<p>Nothing here.</p>"
            : $"<table><thead><tr><th>Due</th><th>Asked</th><th>Neighborhood</th><th class=\"num\">Overall</th><th>Officers</th><th>Status</th></tr></thead><tbody>{rows}</tbody></table>";
        return Page(context, "Follow-up requests", scope + tabs + table);
    }

    static async Task<IResult> DetailAsync(HttpContext context, string id, string? m, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var now = time.GetUtcNow();
        var (outcome, d) = await ReadAsync(context, db, id, now);
        if (outcome != Outcome.Done) return Refused(context, outcome);
        var message = m is not null && Messages.TryGetValue(m, out var msg) ? Message(msg.Text, msg.Error) : "";
        return Page(context, $"Follow-up request from {DateTimeOffset.FromUnixTimeMilliseconds(d!.CreatedAt):yyyy-MM-dd}",
            message + FollowUpHtml.Detail(context, d, FollowUpsApi.View(d, now, options.Value.FollowUp)));
    }

    static async Task<IResult> PhoneAsync(HttpContext context, string id, Db db, PhoneProtector phones, TimeProvider time)
    {
        var (outcome, phone) = await RevealPhoneAsync(context, db, phones, id, time.GetUtcNow());
        var back = $"<p><a href=\"{BasePath}/{E(Uri.EscapeDataString(id))}\">← Back to the request</a></p>";
        return outcome switch
        {
            Outcome.Done => Page(context, "Phone number", $"<p class=\"phone\" id=\"phone\">{E(phone)}</p><p class=\"muted\">This reveal is in the audit log.</p>{back}"),
            Outcome.Gone => Page(context, "Phone number not available",
                $"<p>The number is shown only while the request is open or contacted and the number is still retained.</p>{back}", 410),
            _ => Refused(context, outcome),
        };
    }

    static async Task<IResult> NoteAsync(HttpContext context, string id, Db db, TimeProvider time)
    {
        var text = (await context.Request.ReadFormAsync(context.RequestAborted))["text"].ToString();
        if (FlagActions.TextProblem(text, "text") is not null) return SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m=text-required");
        var (outcome, _) = await AddNoteAsync(context, db, id, text, time.GetUtcNow());
        return outcome == Outcome.Done ? SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m=note-added") : Refused(context, outcome);
    }

    static async Task<IResult> StatusAsync(HttpContext context, string id, Db db, TimeProvider time, IOptions<SurveysOptions> options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (to, outcomeName, note) = (form["status"].ToString(), NullIfEmpty(form["outcome"].ToString()), NullIfEmpty(form["note"].ToString()));
        if (to == FollowUpQueries.Contacted) outcomeName = null; // the form offers outcomes for closing only
        if (FollowUpsApi.StatusErrors(to, outcomeName, note).Count > 0) return SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m=outcome-required");
        var (outcome, _) = await ChangeStatusAsync(context, db, id, to, outcomeName, note, options.Value.FollowUp.NotifyResident, time.GetUtcNow());
        return outcome switch
        {
            Outcome.Done => SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m=status-changed"),
            Outcome.Conflict => SeeOther($"{BasePath}/{Uri.EscapeDataString(id)}?m=not-allowed"),
            _ => Refused(context, outcome),
        };
    }

    /// <summary>The console home's block for chiefs and admins: requests overdue per neighborhood, now.</summary>
    public static async Task<string> OverdueBoardAsync(HttpContext context, Db db, DateTimeOffset now)
    {
        if (!Roles.SeesAllNeighborhoods(context.User)) return "";
        const string sql = """
            SELECT n.code, n.name, (SELECT COUNT(*) FROM follow_ups f WHERE f.neighborhood = n.code AND f.status = 'open' AND f.due_at <= @Now) AS Overdue
            FROM neighborhoods n ORDER BY n.code
            """;
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var rows = (await connection.QueryAsync<(string Code, string Name, long Overdue)>(sql, new { Now = now.ToUnixTimeMilliseconds() })).ToList();
        if (rows.Count == 0) return "";
        return "<h2>Follow-up requests overdue</h2><table id=\"overdue\"><thead><tr><th>Neighborhood</th><th class=\"num\">Overdue now</th></tr></thead><tbody>"
            + string.Concat(rows.Select(r => $"<tr><td><a href=\"{BasePath}?show=overdue&amp;neighborhood={E(Uri.EscapeDataString(r.Code))}\">{E(r.Name)} ({E(r.Code)})</a></td><td class=\"num\">{r.Overdue}</td></tr>"))
            + "</tbody></table>";
    }

    static IResult Refused(HttpContext context, Outcome outcome) => outcome == Outcome.Forbidden ? Forbidden(context) : NotFound(context, "follow-up request");

    static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
