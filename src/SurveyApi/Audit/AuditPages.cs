using Surveys.Api.StaffConsole;
using Surveys.Api.Audit;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Audit;

/// <summary>Administrators page through the audit log, newest first, filtered by action, actor or target.</summary>
public static class AuditPages
{
    const int PageSize = 50;

    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/audit", List);

    static async Task<IResult> List(HttpContext context, long? before, string? action, string? actor, string? target, Db db)
    {
        (action, actor, target) = (Blank(action), Blank(actor), Blank(target));
        if (new[] { action, actor, target }.Any(f => f is not null && Surveys.Rules.Validation.LineProblem(f) is not null))
            return Page(context, "Audit log", Message("Filters are one line of text, without control characters.", error: true), 400);
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var rows = await AuditLog.PageAsync(connection, before, PageSize, action, actor, target);
        var filter = $"""
            <form method="get" action="/console/admin/audit" class="grid">
            <div><label for="action">Action</label><input type="text" id="action" name="action" value="{E(action)}" placeholder="flag.read"></div>
            <div><label for="actor">Actor</label><input type="text" id="actor" name="actor" value="{E(actor)}"></div>
            <div><label for="target">Target</label><input type="text" id="target" name="target" value="{E(target)}"></div>
            <div><button type="submit">Filter</button></div></form>
            """;
        var table = rows.Count == 0 ? "<p>No entries.</p>" : "<table><thead><tr><th>#</th><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Outcome</th><th>From</th><th>Detail</th></tr></thead><tbody>"
            + string.Concat(rows.Select(r => $"<tr><td class=\"num\">{r.Id}</td><td>{When(r.At)}</td><td>{E(r.Actor)} <span class=\"muted\">({E(r.ActorKind)})</span></td>"
                + $"<td>{E(r.Action)}</td><td>{E(r.Target)}</td><td>{E(r.Outcome)}</td><td>{E(r.Ip)}</td><td>{E(r.Detail)}</td></tr>")) + "</tbody></table>";
        var query = string.Concat(new[] { ("action", action), ("actor", actor), ("target", target) }
            .Where(p => p.Item2 is not null).Select(p => $"&{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        var next = rows.Count == PageSize ? $"<p><a href=\"/console/admin/audit?before={rows[^1].Id}{E(query)}\">Older entries →</a></p>" : "";
        var newest = before is null ? "" : $"<p><a href=\"/console/admin/audit?{E(query.TrimStart('&'))}\">← Newest</a></p>";
        return Page(context, "Audit log", filter + newest + table + next + "<p class=\"muted\">Entries are append-only: nobody, administrators included, can change or delete them.</p>");
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
