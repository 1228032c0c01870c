using System.Text;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.FollowUps;

/// <summary>One follow-up request in full: the resident's answers and words (encoded, never run), notes, history, actions.</summary>
public static class FollowUpHtml
{
    public static string Detail(HttpContext context, FollowUpQueries.Detail d, FollowUpsApi.ItemView v)
    {
        var b = new StringBuilder();
        var path = $"{FollowUpPages.BasePath}/{Uri.EscapeDataString(d.Id)}";
        b.Append($"<p><a href=\"{FollowUpPages.BasePath}\">← Follow-up requests</a> · <a href=\"/console/problems/new?neighborhood={E(Uri.EscapeDataString(d.Neighborhood))}&amp;followUpId={E(Uri.EscapeDataString(d.Id))}\">Open a problem from this request</a></p>");
        b.Append($"<dl><dt>Status</dt><dd id=\"status\">{Status(d.Status)}{(d.Outcome is null ? "" : $" — {E(d.Outcome)}")}{(v.Overdue ? " <span class=\"tag\">overdue</span>" : v.DueSoon ? " <span class=\"tag\">due soon</span>" : "")}</dd>");
        b.Append($"<dt>Due</dt><dd>{When(d.DueAt)}</dd><dt>Asked</dt><dd>{When(d.CreatedAt)}</dd>");
        b.Append($"<dt>Neighborhood</dt><dd>{E(d.Neighborhood)}{(d.NeighborhoodName is null ? "" : $" — {E(d.NeighborhoodName)}")}{(d.Lieutenant is null ? "" : $", {E(d.Lieutenant)}")}</dd>");
        b.Append($"<dt>Officers</dt><dd>{(d.Officers.Count == 0 ? "none recorded" : E(string.Join(", ", d.Officers)))}</dd>");
        b.Append($"<dt>Contact</dt><dd>{E(d.ContactType)}, {When(d.OccurredAt)}, language {E(d.Language)}</dd>");
        b.Append($"<dt>Texts to the resident</dt><dd>{(d.Texts.Count == 0 ? "none" : E(string.Join(", ", d.Texts.Select(t => $"{t.Kind}: {t.Status}"))))}</dd></dl>");

        if (d.Status != FollowUpQueries.Closed && d.PhoneRetained && FollowUpAccess.CanReveal(context.User, d.Neighborhood))
            b.Append(Form(context, $"{path}/phone", "<button type=\"submit\" id=\"show-phone\">Show phone number</button> <span class=\"muted\">(audited)</span>"));
        else if (!d.PhoneRetained) b.Append("<p class=\"muted\">The phone number is no longer retained.</p>");

        b.Append("<h2>Answers</h2><table><thead><tr><th>Item</th><th class=\"num\">Answer (1–5)</th></tr></thead><tbody>");
        foreach (var (item, value) in FollowUpsApi.Answers(d)) b.Append($"<tr><td>{E(item)}</td><td class=\"num\">{value}</td></tr>");
        b.Append("</tbody></table>");
        b.Append(d.Comment is null ? "<p class=\"muted\">No comment.</p>" : $"<h2>Comment</h2><div class=\"comment\" id=\"comment\">{E(d.Comment)}</div>");

        b.Append("<h2>Notes</h2>");
        b.Append(d.Notes.Count == 0 ? "<p class=\"muted\">No notes yet.</p>"
            : "<table><tbody>" + string.Concat(d.Notes.Select(n => $"<tr><td>{When(n.CreatedAt)}<br><span class=\"muted\">{E(n.Author)}</span></td><td class=\"comment\">{E(n.Text)}</td></tr>")) + "</tbody></table>");
        b.Append(Form(context, $"{path}/notes", "<label for=\"note\">Add a note (a call, a message left)</label><textarea id=\"note\" name=\"text\" maxlength=\"4000\" required></textarea><button type=\"submit\">Add note</button>"));

        b.Append("<h2>History</h2>");
        b.Append(d.History.Count == 0 ? "<p class=\"muted\">No status changes yet.</p>"
            : "<table><thead><tr><th>When</th><th>Change</th><th>By</th><th>Note</th></tr></thead><tbody>"
              + string.Concat(d.History.Select(h => $"<tr><td>{When(h.At)}</td><td>{E(h.From)} → {E(h.To)}{(h.Outcome is null ? "" : $" ({E(h.Outcome)})")}</td><td>{E(h.Actor)}</td><td class=\"comment\">{E(h.Note)}</td></tr>")) + "</tbody></table>");
        var next = d.Status switch { FollowUpQueries.Open => new[] { "contacted", "closed" }, FollowUpQueries.Contacted => ["closed"], _ => [] };
        b.Append(next.Length == 0 ? "<p class=\"muted\">This request is closed; it can take notes but no further status changes.</p>"
            : Form(context, $"{path}/status", $"""
                <label for="to">Change status</label><select id="to" name="status">{Options(next)}</select>
                <label for="outcome">Outcome (when closing)</label><select id="outcome" name="outcome"><option value="">—</option>{Options(FollowUpActions.Outcomes)}</select>
                <label for="status-note">Note</label><textarea id="status-note" name="note" maxlength="4000"></textarea>
                <button type="submit" id="change-status">Change status</button>
                """));
        return b.ToString();
    }
}
