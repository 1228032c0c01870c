using System.Globalization;
using System.Text;
using Surveys.Figures;
using Surveys.ProblemSolving;
using Surveys.Rules;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.ProblemSolving;

/// <summary>One problem in the console: stage buttons, actions, history and the computed assessment; and the "open a problem" form.</summary>
public static class ProblemHtml
{
    public static string Detail(HttpContext context, ProblemQueries.Detail d, Assessment? assessment)
    {
        var b = new StringBuilder();
        var path = $"{ProblemPages.BasePath}/{Uri.EscapeDataString(d.Id)}";
        b.Append($"<p><a href=\"{ProblemPages.BasePath}\">← Problems</a></p>");
        b.Append($"<dl><dt>Stage</dt><dd id=\"stage\">{Status(d.Stage)}</dd><dt>Neighborhood</dt><dd>{E(d.Neighborhood)}</dd>");
        b.Append($"<dt>Items</dt><dd>{E(string.Join(", ", d.Items))}</dd><dt>Response began</dt><dd>{E(d.ResponseStartedOn ?? "not yet")}</dd>");
        b.Append($"<dt>Public title</dt><dd id=\"public-title\">{(d.PublicTitle is null ? "none" : $"{E(d.PublicTitle)} ({(d.PublicTitleApprovedBy is null ? "awaiting approval" : "approved")})")}</dd>");
        b.Append($"<dt>Opened</dt><dd>{When(d.CreatedAt)} by {E(d.CreatedBy)}</dd></dl>");
        b.Append($"<h2>Description</h2><div class=\"comment\">{E(d.Description)}</div>");
        if (d.Evidence.Count > 0)
            b.Append("<h2>Evidence</h2><ul>" + string.Concat(d.Evidence.Select(e => e.Kind == "follow-up"
                ? $"<li>follow-up <a href=\"/console/follow-ups/{E(Uri.EscapeDataString(e.RefId))}\">{E(e.RefId)}</a></li>" : $"<li>{E(e.Kind)} {E(e.RefId)}</li>")) + "</ul>");
        if (ProblemRules.IsCommand(context.User) && d.PublicTitleApprovedBy is null)
            b.Append(Form(context, $"{path}/public-title", $"<label for=\"public\">Public title (the only text public pages show)</label><input id=\"public\" name=\"publicTitle\" maxlength=\"{ProblemRules.MaxTitle}\" value=\"{E(d.PublicTitle)}\"><button type=\"submit\">Set and approve</button>"));

        var i = Array.IndexOf(ProblemRules.Stages, d.Stage);
        b.Append("<h2>Stage</h2>");
        var buttons = (i + 1 < ProblemRules.Stages.Length ? $"<button type=\"submit\" name=\"stage\" value=\"{ProblemRules.Stages[i + 1]}\" id=\"forward\">Move to {ProblemRules.Stages[i + 1]}</button> " : "")
            + (i > 0 ? $"<button type=\"submit\" name=\"stage\" value=\"{ProblemRules.Stages[i - 1]}\" id=\"back\">Back to {ProblemRules.Stages[i - 1]} (note required)</button>" : "");
        b.Append(Form(context, $"{path}/stage", $"<label for=\"stage-note\">Note</label><textarea id=\"stage-note\" name=\"note\" maxlength=\"4000\"></textarea>{buttons}"));

        b.Append("<h2>Actions</h2>");
        b.Append(d.Actions.Count == 0 ? "<p class=\"muted\">No actions yet.</p>"
            : "<table><thead><tr><th>Due</th><th>Action</th><th>Owner</th><th>Status</th></tr></thead><tbody>" + string.Concat(d.Actions.Select(a =>
                $"<tr><td>{E(a.DueOn)}</td><td>{E(a.Text)}</td><td>{E(a.Owner)}</td><td>{Status(a.Status)}"
                + (a.Status == "open" && d.Stage != ProblemRules.Closed
                    ? Form(context, $"{path}/actions/{Uri.EscapeDataString(a.Id)}/status", $"<button type=\"submit\" name=\"status\" value=\"done\" aria-label=\"Done: {E(a.Text)}\">Done</button> <button type=\"submit\" name=\"status\" value=\"dropped\" aria-label=\"Dropped: {E(a.Text)}\">Dropped</button>", "inline")
                    : "") + "</td></tr>")) + "</tbody></table>");
        if (d.Stage != ProblemRules.Closed)
            b.Append(Form(context, $"{path}/actions", $"""
                <label for="action-text">New action</label><textarea id="action-text" name="text" maxlength="4000" required></textarea>
                <label for="action-owner">Owner</label><input id="action-owner" name="owner" maxlength="{ProblemRules.MaxTitle}" required>
                <label for="action-due">Due (yyyy-MM-dd)</label><input id="action-due" name="dueOn" type="date" required>
                <button type="submit" id="add-action">Add action</button>
                """));

        b.Append("<h2>Assessment</h2>").Append(Assessment(assessment));
        b.Append("<h2>History</h2><table><thead><tr><th>When</th><th>Change</th><th>By</th><th>Note</th></tr></thead><tbody>"
            + string.Concat(d.History.Select(h => $"<tr><td>{When(h.At)}</td><td>{E(h.From ?? "opened")} → {E(h.To)}</td><td>{E(h.Actor)}</td><td class=\"comment\">{E(h.Note)}</td></tr>")) + "</tbody></table>");
        return b.ToString();
    }

    public static string Assessment(Assessment? a)
    {
        if (a is null) return "<p class=\"muted\">Computed from the figures once the response stage has begun.</p>";
        var rows = string.Concat(a.Difference.Keys.Select(item =>
        {
            var (before, after, diff) = (a.Before.Items[item], a.After.Items[item], a.Difference[item]);
            var change = diff is null ? (after.Suppressed ? "too early to tell" : "no baseline")
                : $"{Signed(diff.Mean, "0.00")} [{Signed(diff.MeanCi95[0], "0.00")}, {Signed(diff.MeanCi95[1], "0.00")}]{(diff.Significant ? " <strong>changed</strong>" : " no clear change")}";
            var pct = diff is null ? "—" : $"{Signed(diff.PctPositive * 100, "0")} [{Signed(diff.PctPositiveCi95[0] * 100, "0")}, {Signed(diff.PctPositiveCi95[1] * 100, "0")}] points";
            return $"<tr><td>{E(item)}</td>{Side(before)}{Side(after)}<td>{change}</td><td>{pct}</td></tr>";
        }));
        return (a.Status == ProblemAssessment.TooEarly ? $"<p class=\"tag\" id=\"too-early\">Too early to tell: fewer than the minimum answers since {E(a.ResponseStartedOn)}.</p>" : "")
            + $"<table id=\"assessment\"><thead><tr><th>Item</th><th class=\"num\">Before n ({E(a.Before.From)} to {E(a.Before.To)})</th><th class=\"num\">Before mean</th><th class=\"num\">Before % positive</th>"
            + $"<th class=\"num\">After n ({E(a.After.From)} to {E(a.After.To)})</th><th class=\"num\">After mean</th><th class=\"num\">After % positive</th><th>Change in mean (95% CI)</th><th>Change in % positive (95% CI)</th></tr></thead><tbody>{rows}</tbody></table>";
    }

    static string Side(ItemFigures f) => $"<td class=\"num\">{f.N}</td><td class=\"num\">{(f.Mean is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "—")}</td>"
        + $"<td class=\"num\">{(f.PctPositive is { } p ? (p * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "—")}</td>";

    static string Signed(double v, string format) => (v > 0 ? "+" : "") + v.ToString(format, CultureInfo.InvariantCulture);

    public static string NewForm(HttpContext context, IQueryCollection q, string? error = null)
    {
        string V(string key) => E(q[key].ToString());
        var chosen = q["item"].Concat(q["items"]).ToHashSet();
        var items = string.Concat(Instrument.Items.Select(i => $"<label><input type=\"checkbox\" name=\"items\" value=\"{E(i)}\"{(chosen.Contains(i) ? " checked" : "")}> {E(i)}</label>"));
        return Message(error, true) + Form(context, $"{ProblemPages.BasePath}/new", $"""
            <label for="neighborhood">Neighborhood code</label><input id="neighborhood" name="neighborhood" value="{V("neighborhood")}" required>
            <label for="title">Title (staff only)</label><input id="title" name="title" maxlength="{ProblemRules.MaxTitle}" value="{V("title")}" required>
            <label for="publicTitle">Public title (optional; a chief or admin approves it)</label><input id="publicTitle" name="publicTitle" maxlength="{ProblemRules.MaxTitle}" value="{V("publicTitle")}">
            <label for="description">Description</label><textarea id="description" name="description" maxlength="4000" required>{V("description")}</textarea>
            <fieldset><legend>Items the problem is about</legend>{items}</fieldset>
            <label for="eventId">Cites event (id, optional)</label><input id="eventId" name="eventId" value="{V("eventId")}">
            <label for="concernId">Cites concern (id, optional)</label><input id="concernId" name="concernId" value="{V("concernId")}">
            <label for="followUpId">Cites follow-up request (id, optional)</label><input id="followUpId" name="followUpId" value="{V("followUpId")}">
            <button type="submit" id="open-problem">Open problem</button>
            """);
    }
}
