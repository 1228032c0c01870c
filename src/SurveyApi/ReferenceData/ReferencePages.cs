using Surveys.Api.StaffConsole;
using Dapper;
using Microsoft.Extensions.Options;
using Surveys.Api.Audit;
using Surveys.Api.Hosting;
using Surveys.Data;
using Surveys.Rules;
using Surveys.Security;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.ReferenceData;

/// <summary>Administrators' reference data: neighborhoods, the officer roster (CSV) and exclusions.</summary>
public static class ReferencePages
{
    // ?m= names a message, never carries its text: a link must not make the console say anything.
    static readonly Dictionary<string, (string Text, bool Error)> Messages = new()
    {
        ["saved"] = ("Saved.", false), ["opted-out"] = ("The number is opted out.", false),
        ["neighborhood-invalid"] = ("Code: 1–32 letters, digits, '.', '_' or '-'; a name is required; names are one line.", true),
        ["neighborhood-case-conflict"] = ("That code differs only in case from an existing neighborhood; codes are unique ignoring case.", true),
        ["file-required"] = ("Choose a CSV file of at most 2 MiB.", true),
        ["phone-invalid"] = ("That is not an E.164 phone number.", true),
    };

    static string Coded(string? m) => m is not null && Messages.TryGetValue(m, out var message) ? Message(message.Text, message.Error) : "";

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/neighborhoods", Neighborhoods);
        admin.MapPost("/neighborhoods", SaveNeighborhood);
        admin.MapGet("/roster", (HttpContext c, string? m) => Page(c, "Officer roster", Coded(m) + RosterForm(c)));
        admin.MapPost("/roster", ImportRoster);
        admin.MapGet("/exclusions", Exclusions);
        admin.MapPost("/exclusions/opt-out", OptOut);
    }

    static async Task<IResult> Neighborhoods(HttpContext context, string? m, Db db)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var rows = string.Concat((await connection.QueryAsync<(string Code, string Name, string? Lieutenant)>("SELECT code, name, lieutenant FROM neighborhoods ORDER BY code"))
            .Select(n => $"<tr><td>{E(n.Code)}</td><td>{E(n.Name)}</td><td>{E(n.Lieutenant)}</td></tr>"));
        var form = Form(context, "/console/admin/neighborhoods", """
            <h2>Add or rename a neighborhood</h2><div class="grid"><div><label for="code">Code</label><input type="text" id="code" name="code" required maxlength="32"></div>
            <div><label for="name">Name</label><input type="text" id="name" name="name" required maxlength="200"></div>
            <div><label for="lieutenant">Lieutenant</label><input type="text" id="lieutenant" name="lieutenant" maxlength="200"></div></div>
            <button type="submit">Save</button>
            """);
        return Page(context, "Neighborhoods", Coded(m)
            + $"<table><thead><tr><th>Code</th><th>Name</th><th>Lieutenant</th></tr></thead><tbody>{rows}</tbody></table>{form}"
            + "<p class=\"muted\">A lieutenant signs in with the role lieutenant:&lt;code&gt; (see Users).</p>");
    }

    static async Task<IResult> SaveNeighborhood(HttpContext context, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (code, name, lieutenant) = (form["code"].ToString().Trim(' ', '\t'), form["name"].ToString().Trim(), form["lieutenant"].ToString().Trim());
        if (NeighborhoodsApi.Check(code, name, lieutenant).Count > 0)
            return SeeOther("/console/admin/neighborhoods?m=neighborhood-invalid");
        var now = time.GetUtcNow();
        var (saved, existing) = await NeighborhoodsApi.SaveAsync(db, new(code, name, lieutenant.Length == 0 ? null : lieutenant), now, context.RequestAborted,
            (connection, tx) => AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "neighborhood.save", code, AuditLog.Success), now));
        return SeeOther("/console/admin/neighborhoods?m=" + (saved == Saved.Conflict ? "neighborhood-case-conflict" : "saved"));
    }

    static string RosterForm(HttpContext context) => Form(context, "/console/admin/roster", """
        <p>Upload a CSV file with the header <code>badge,name,unit,active</code>. Good lines are applied; bad lines are listed and change nothing.</p>
        <label for="file">Roster file</label><input type="file" id="file" name="file" accept=".csv,text/csv" required>
        <button type="submit">Import</button>
        """, multipart: true);

    static async Task<IResult> ImportRoster(HttpContext context, Db db, TimeProvider time)
    {
        var file = (await context.Request.ReadFormAsync(context.RequestAborted)).Files["file"];
        if (file is null || file.Length is 0 or > OfficerImport.MaxBytes) return SeeOther("/console/admin/roster?m=file-required");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, context.RequestAborted);
        var parsed = RosterCsv.Parse(bytes);
        if (!parsed.HeaderOk)
            return Page(context, "Officer roster", Message("The first line must be exactly: badge,name,unit,active", error: true) + RosterForm(context), 400);

        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var (created, updated) = await RosterCsv.ApplyAsync(connection, tx, parsed, now);
        var (count, errors) = (created + updated, parsed.Errors.Select(e => $"line {e.Line}: {e.Message}").ToList());
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "roster.import", null, AuditLog.Success, $"{count} applied, {errors.Count} rejected"), now);
        await tx.CommitAsync();
        var list = errors.Count == 0 ? "" : "<h2>Lines not applied</h2><ul>" + string.Concat(errors.Take(200).Select(e => $"<li>{E(e)}</li>")) + "</ul>";
        return Page(context, "Officer roster", Message($"{count} officer(s) imported or updated.") + list + RosterForm(context));
    }

    static IResult Exclusions(HttpContext context, string? m, IOptions<SurveysOptions> options) => Page(context, "Exclusions", Coded(m)
        + "<h2>Contact types never surveyed</h2><ul>" + string.Concat(options.Value.ExcludedTypes.Select(t => $"<li><code>{E(t)}</code></li>")) + "</ul>"
        + "<p class=\"muted\">Set in configuration (Surveys:ExcludedContactTypes); a configured list replaces the defaults.</p>"
        + Form(context, "/console/admin/exclusions/opt-out", """
            <h2>Opt a phone number out</h2><p>The number is never surveyed again (as if the resident had replied STOP). Only its keyed hash is stored.</p>
            <label for="phone">Phone (E.164, e.g. +18605550100)</label><input type="text" id="phone" name="phone" required maxlength="16" autocomplete="off">
            <button type="submit">Opt out</button>
            """));

    static async Task<IResult> OptOut(HttpContext context, Db db, PhoneProtector phones, TimeProvider time)
    {
        var phone = (await context.Request.ReadFormAsync(context.RequestAborted))["phone"].ToString().Trim();
        if (!Validation.E164().IsMatch(phone)) return SeeOther("/console/admin/exclusions?m=phone-invalid");
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        await connection.ExecuteAsync("INSERT INTO opt_outs (phone_hash, created_at) VALUES (@Hash, @Now) ON CONFLICT (phone_hash) DO NOTHING",
            new { Hash = phones.Hash(phone), Now = now.ToUnixTimeMilliseconds() }, tx);
        // The audit row names no number: the log must not become a list of residents' phones.
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "optout.add", null, AuditLog.Success), now);
        await tx.CommitAsync();
        return SeeOther("/console/admin/exclusions?m=opted-out");
    }
}
