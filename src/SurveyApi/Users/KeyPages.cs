using Surveys.Api.StaffConsole;
using Surveys.Api.Audit;
using Surveys.Api.Users;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Users;

/// <summary>API keys with roles, created and revoked by administrators; a new key is shown exactly once.</summary>
public static class KeyPages
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/keys", (HttpContext c, string? m, Db db) => ListAsync(c, db, m is "revoked" ? Message("Key revoked.") : m is "invalid" ? Message(
            "Give the key a name (1–100 characters) and roles: admin, chief, ia, intake or lieutenant:<code>. Names must be unique.", error: true) : ""));
        admin.MapPost("/keys", Create);
        admin.MapPost("/keys/{id}/revoke", Revoke);
    }

    static async Task<IResult> ListAsync(HttpContext context, Db db, string top)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var rows = string.Concat((await StoredApiKeys.ListAsync(connection)).Select(k => $"""
            <tr><td>{E(k.Name)}</td><td><code>{E(k.KeyPrefix)}…</code></td><td>{E(k.Roles)}</td><td>{When(k.CreatedAt)}<br><span class="muted">{E(k.CreatedBy)}</span></td>
            <td>{(k.RevokedAt is { } r ? $"revoked {When(r)} by {E(k.RevokedBy)}"
                : Form(context, $"/console/admin/keys/{k.Id}/revoke", "<button type=\"submit\" class=\"secondary\">Revoke</button>", "inline"))}</td></tr>
            """));
        var create = Form(context, "/console/admin/keys", """
            <h2>New API key</h2><div class="grid"><div><label for="name">Name (who uses it)</label><input type="text" id="name" name="name" required maxlength="100"></div>
            <div><label for="roles">Roles</label><input type="text" id="roles" name="roles" placeholder="intake" required></div></div>
            <button type="submit">Create key</button>
            """);
        return Page(context, "API keys", top + "<p class=\"muted\">Keys set in configuration (Surveys:ApiKeys) are not listed here.</p>"
            + "<table><thead><tr><th>Name</th><th>Key</th><th>Roles</th><th>Created</th><th></th></tr></thead>" + $"<tbody>{rows}</tbody></table>{create}");
    }

    static async Task<IResult> Create(HttpContext context, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        if (name.Length is 0 or > 100 || !StaffRoles.TryParse(form["roles"], out var roles, out _)) return SeeOther("/console/admin/keys?m=invalid");
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var key = await StoredApiKeys.CreateAsync(connection, tx, name, roles, AuditLog.Actor(context.User), now);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "key.create", name, key is null ? AuditLog.Rejected : AuditLog.Success,
            key is null ? "name taken" : $"roles {StaffRoles.Join(roles)}"), now);
        await tx.CommitAsync();
        if (key is null) return SeeOther("/console/admin/keys?m=invalid");
        // Shown in this response only (no-store): the database keeps just its digest.
        return await ListAsync(context, db, Message($"Key \"{name}\" created. Copy it now; it will not be shown again:")
            + $"<p class=\"secret\" id=\"new-key\">{E(key)}</p>");
    }

    static async Task<IResult> Revoke(HttpContext context, string id, Db db, TimeProvider time)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var revoked = await StoredApiKeys.RevokeAsync(connection, tx, id, AuditLog.Actor(context.User), now);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "key.revoke", id, revoked == 1 ? AuditLog.Success : AuditLog.NotFound), now);
        await tx.CommitAsync();
        return SeeOther("/console/admin/keys?m=revoked");
    }
}
