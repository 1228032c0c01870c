using Surveys.Api.StaffConsole;
using Surveys.Api.Flags;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Flags;

/// <summary>
/// The IA queue (/console/flags) and the lieutenants' follow-up items (/console/items): one set of
/// pages over the two queues. A lieutenant only ever gets their own neighborhood's items; another
/// neighborhood's id is "not found", and the attempt is in the audit log.
/// </summary>
public static class FlagPages
{
    public sealed record Queue(string Name, string BasePath, string Title, string ReadAction, string NoteAction, string StatusAction);

    public static readonly Queue Ia = new(FlagWorkflow.Ia, "/console/flags", "Internal affairs queue", "flag.read", "flag.note", "flag.status");
    public static readonly Queue Lieutenant = new(FlagWorkflow.Lieutenant, "/console/items", "Low ratings", "item.read", "item.note", "item.status");

    static readonly Dictionary<string, (string Text, bool Error)> Messages = new()
    {
        ["note-added"] = ("Note added.", false),
        ["status-changed"] = ("Status changed.", false),
        ["text-required"] = ("Write a note (at most 4,000 characters).", true),
        ["reason-required"] = ("Give a reason for the status change (at most 4,000 characters).", true),
        ["not-allowed"] = ("That status change is not allowed from the current status.", true),
    };

    public static void Map(RouteGroupBuilder group, Queue queue)
    {
        group.MapGet("/", (HttpContext c, string? status, Db db) => ListAsync(c, queue, status, db));
        group.MapGet("/{id}", (HttpContext c, string id, string? m, Db db, TimeProvider t) => DetailAsync(c, queue, id, m, db, t));
        group.MapPost("/{id}/notes", (HttpContext c, string id, Db db, TimeProvider t) => NoteAsync(c, queue, id, db, t));
        group.MapPost("/{id}/status", (HttpContext c, string id, Db db, TimeProvider t) => StatusAsync(c, queue, id, db, t));
    }

    static async Task<IResult> ListAsync(HttpContext context, Queue queue, string? status, Db db)
    {
        var statuses = FlagWorkflow.Statuses(queue.Name);
        if (status is not null && !statuses.Contains(status)) status = null;
        var only = queue == Lieutenant ? FlagWorkflow.LieutenantOf(context.User) : null;
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var flags = await FlagQueries.ListAsync(connection, new FlagQueries.Filter(queue.Name, status, OnlyNeighborhoods: only, Limit: 200));

        var tabs = $"<p class=\"tabs\"><a href=\"{queue.BasePath}\"{(status is null ? " class=\"current\"" : "")}>All</a>"
            + string.Concat(statuses.Select(s => $"<a href=\"{queue.BasePath}?status={s}\"{(s == status ? " class=\"current\"" : "")}>{E(s)}</a>")) + "</p>";
        var rows = string.Concat(flags.Select(f => $"""
            <tr><td><a href="{queue.BasePath}/{E(f.Id)}">{When(f.CreatedAt)}</a></td>
            <td>{string.Concat(f.Reasons.Select(r => $"<span class=\"tag\">{E(r.Name)}{(r.Detail is null ? "" : $": {E(r.Detail)}")}</span>"))}</td>
            <td>{E(f.Neighborhood)}</td><td>{E(string.Join(", ", f.Officers))}</td><td>{Status(f.Status)}</td></tr>
            """));
        var scope = only is null ? "" : $"<p class=\"muted\">Neighborhood(s): {E(string.Join(", ", only))}</p>";
        var table = flags.Count == 0 ? "<p>Nothing here.</p>"
            : $"<table><thead><tr><th>Raised</th><th>Reasons</th><th>Neighborhood</th><th>Officers</th><th>Status</th></tr></thead><tbody>{rows}</tbody></table>";
        return Page(context, queue.Title, scope + tabs + table);
    }

    static async Task<IResult> DetailAsync(HttpContext context, Queue queue, string id, string? m, Db db, TimeProvider time)
    {
        var detail = await FlagActions.ReadAsync(context, db, id, queue.ReadAction, time.GetUtcNow());
        if (detail is null || detail.Queue != queue.Name)
            return Page(context, "Not found", $"<p>There is no such item. <a href=\"{queue.BasePath}\">Back to the list</a>.</p>", 404);
        var message = m is not null && Messages.TryGetValue(m, out var msg) ? Message(msg.Text, msg.Error) : "";
        return Page(context, $"{(queue == Ia ? "Flag" : "Follow-up")} raised {DateTimeOffset.FromUnixTimeMilliseconds(detail.CreatedAt):yyyy-MM-dd}",
            message + FlagHtml.Detail(context, queue, detail));
    }

    static async Task<IResult> NoteAsync(HttpContext context, Queue queue, string id, Db db, TimeProvider time)
    {
        var text = (await context.Request.ReadFormAsync(context.RequestAborted))["text"].ToString();
        if (FlagActions.TextProblem(text, "text") is not null) return SeeOther($"{queue.BasePath}/{Uri.EscapeDataString(id)}?m=text-required");
        var (outcome, _) = await FlagActions.AddNoteAsync(context, db, id, text, queue.NoteAction, time.GetUtcNow());
        return outcome == FlagActions.Outcome.NotFound ? Page(context, "Not found", "<p>There is no such item.</p>", 404)
            : SeeOther($"{queue.BasePath}/{Uri.EscapeDataString(id)}?m=note-added");
    }

    static async Task<IResult> StatusAsync(HttpContext context, Queue queue, string id, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (to, reason) = (form["status"].ToString(), form["reason"].ToString());
        if (FlagActions.TextProblem(reason, "reason") is not null) return SeeOther($"{queue.BasePath}/{Uri.EscapeDataString(id)}?m=reason-required");
        var (outcome, _) = await FlagActions.ChangeStatusAsync(context, db, id, to, reason, queue.StatusAction, time.GetUtcNow());
        return outcome switch
        {
            FlagActions.Outcome.NotFound => Page(context, "Not found", "<p>There is no such item.</p>", 404),
            FlagActions.Outcome.Done => SeeOther($"{queue.BasePath}/{Uri.EscapeDataString(id)}?m=status-changed"),
            _ => SeeOther($"{queue.BasePath}/{Uri.EscapeDataString(id)}?m=not-allowed"),
        };
    }
}
