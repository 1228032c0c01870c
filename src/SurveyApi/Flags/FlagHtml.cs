using Surveys.Api.StaffConsole;
using System.Text;
using Surveys.Api.Flags;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Flags;

/// <summary>One flag in full: the response as the resident gave it (encoded, never run), notes, history, actions.</summary>
public static class FlagHtml
{
    public static string Detail(HttpContext context, FlagPages.Queue queue, FlagQueries.Detail d)
    {
        var b = new StringBuilder();
        b.Append($"<p><a href=\"{queue.BasePath}\">← {E(queue.Title)}</a></p>");
        b.Append($"<dl><dt>Status</dt><dd>{Status(d.Status)}{(d.StatusReason is null ? "" : $" — {E(d.StatusReason)}")}</dd>");
        b.Append($"<dt>Reasons</dt><dd>{string.Concat(d.Reasons.Select(r => $"<span class=\"tag\">{E(r.Name)}{(r.Detail is null ? "" : $": {E(r.Detail)}")}</span> <span class=\"muted\">({E(r.Rule)})</span><br>"))}</dd>");
        b.Append($"<dt>Neighborhood</dt><dd>{E(d.Neighborhood)}{(d.NeighborhoodName is null ? "" : $" — {E(d.NeighborhoodName)}")}</dd>");
        if (d.EventId is not null) // an event survey answer: about an event, never an officer
            b.Append($"<dt>Event</dt><dd><a href=\"/console/events/{E(d.EventId)}\">{E(d.EventTitle ?? "")}</a> ({E(d.ContactType)}, {When(d.OccurredAt)}), language {E(d.Language)}</dd>");
        else
        {
            b.Append($"<dt>Officers</dt><dd>{(d.Officers.Count == 0 ? "none recorded" : string.Join(", ", d.Officers.Select(o => $"{E(o.Badge)}{(o.Name is null ? "" : $" ({E(o.Name)})")}")))}</dd>");
            b.Append($"<dt>Contact</dt><dd>{E(d.ContactType)}, {When(d.OccurredAt)}, incident {E(d.ExternalId)}, language {E(d.Language)}</dd>");
        }
        b.Append($"<dt>Answered</dt><dd>{When(d.SubmittedAt)} via {E(d.Channel)}</dd></dl>");

        b.Append("<h2>Response</h2><table><thead><tr><th>Item</th><th class=\"num\">Answer (1–5)</th></tr></thead><tbody>");
        foreach (var (item, value) in new[] { ("overall", (int?)d.Overall), ("respect", d.Respect), ("voice", d.Voice), ("fairness", d.Fairness), ("explanation", d.Explanation), ("trust", d.Trust) })
            b.Append($"<tr><td>{item}</td><td class=\"num\">{(value is { } v ? v.ToString() : "—")}</td></tr>");
        b.Append("</tbody></table>");
        b.Append($"<p>Wants to file a complaint: <strong>{YesNo(d.WantsComplaint)}</strong>. Wants a follow-up: <strong>{YesNo(d.WantsFollowUp)}</strong>. "
            + $"Agreed to quoting: <strong>{YesNo(d.ShareComment)}</strong>.</p>");
        b.Append(d.Comment is null ? "<p class=\"muted\">No comment.</p>" : $"<h2>Comment</h2><div class=\"comment\" id=\"comment\">{E(d.Comment)}</div>");

        b.Append("<h2>Notes</h2>");
        b.Append(d.Notes.Count == 0 ? "<p class=\"muted\">No notes yet.</p>"
            : "<table><tbody>" + string.Concat(d.Notes.Select(n => $"<tr><td>{When(n.CreatedAt)}<br><span class=\"muted\">{E(n.Author)}</span></td><td class=\"comment\">{E(n.Text)}</td></tr>")) + "</tbody></table>");
        var path = $"{queue.BasePath}/{Uri.EscapeDataString(d.Id)}";
        b.Append(Form(context, $"{path}/notes", "<label for=\"note\">Add a note</label><textarea id=\"note\" name=\"text\" maxlength=\"4000\" required></textarea><button type=\"submit\">Add note</button>"));

        b.Append("<h2>History</h2>");
        b.Append(d.History.Count == 0 ? "<p class=\"muted\">No status changes yet.</p>"
            : "<table><thead><tr><th>When</th><th>Change</th><th>By</th><th>Reason</th></tr></thead><tbody>"
              + string.Concat(d.History.Select(h => $"<tr><td>{When(h.At)}</td><td>{E(h.From)} → {E(h.To)}</td><td>{E(h.Actor)}</td><td class=\"comment\">{E(h.Reason)}</td></tr>")) + "</tbody></table>");
        var next = FlagWorkflow.NextStatuses(queue.Name, d.Status);
        b.Append(next.Count == 0 ? "<p class=\"muted\">This item is closed; it can take notes but no further status changes.</p>"
            : Form(context, $"{path}/status", $"""
                <label for="status">Change status</label><select id="status" name="status">{Options(next)}</select>
                <label for="reason">Reason</label><textarea id="reason" name="reason" maxlength="4000" required></textarea>
                <button type="submit">Change status</button>
                """));
        return b.ToString();
    }

    static string YesNo(bool value) => value ? "yes" : "no";
}
