using Surveys.Api.StaffConsole;
using Surveys.Api.Audit;
using Surveys.Api.Commendations;
using Surveys.Data;
using Surveys.Rules;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Commendations;

/// <summary>Residents' praise, per officer, for supervisors (a lieutenant sees their neighborhood's only).</summary>
public static class CommendationPages
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", Overview);
        group.MapGet("/{badge}", Officer);
    }

    static async Task<IResult> Overview(HttpContext context, string? month, Db db)
    {
        if (month is not null && !Months.TryParse(month, out _)) month = null;
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var counts = await CommendationQueries.CountsAsync(connection, month, CommendationsApi.Scope(context.User));
        var rows = string.Concat(counts.Select(c =>
            $"<tr><td><a href=\"/console/commendations/{Uri.EscapeDataString(c.Badge)}\">{E(c.Badge)}</a></td><td>{E(c.Name)}</td><td class=\"num\">{c.Count}</td></tr>"));
        var body = $"<p class=\"muted\">{(month is null ? "All months" : $"Month {E(month)}")}. A commendation is a response with every rating 4 or 5 and a comment of strong praise.</p>"
            + (counts.Count == 0 ? "<p>No commendations yet.</p>"
                : $"<table><thead><tr><th>Badge</th><th>Officer</th><th class=\"num\">Commendations</th></tr></thead><tbody>{rows}</tbody></table>");
        return Page(context, "Commendations", body);
    }

    static async Task<IResult> Officer(HttpContext context, string badge, Db db, TimeProvider time)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var name = await CommendationQueries.OfficerNameAsync(connection, badge);
        if (name is null) return NotFound(context, "officer");
        var items = await CommendationQueries.ForOfficerAsync(connection, badge, null, CommendationsApi.Scope(context.User));
        await AuditLog.WriteAsync(connection, null, AuditLog.For(context, "commendations.read", badge, AuditLog.Success, $"{items.Count} item(s)"), time.GetUtcNow());
        var rows = string.Concat(items.Select(i => $"<tr><td>{When(i.CreatedAt)}</td><td>{E(i.Neighborhood)}</td><td>{E(i.ContactType)}</td>"
            + $"<td class=\"num\">{i.Overall}</td><td>{(i.SharedComment is null ? "<span class=\"muted\">(comment not shared)</span>" : $"<div class=\"comment\">{E(i.SharedComment)}</div>")}</td></tr>"));
        var body = "<p><a href=\"/console/commendations\">← Commendations</a></p>"
            + (items.Count == 0 ? "<p>No commendations you can see.</p>"
                : $"<table><thead><tr><th>When</th><th>Neighborhood</th><th>Contact</th><th class=\"num\">Overall</th><th>Resident's words</th></tr></thead><tbody>{rows}</tbody></table>");
        return Page(context, $"Commendations for {badge} ({name})", body);
    }
}
