using Surveys.Api.StaffConsole;
using System.Security.Claims;
using Surveys.Api.Audit;
using Surveys.Api.Users;
using Surveys.Data;
using static Surveys.Api.StaffConsole.ConsoleLayout;

namespace Surveys.Api.Users;

/// <summary>Administrators manage staff accounts; every change is audited with the old and new roles.</summary>
public static class UserPages
{
    static readonly Dictionary<string, (string Text, bool Error)> Messages = new()
    {
        ["created"] = ("User created.", false), ["saved"] = ("Saved.", false),
        ["username"] = ("Usernames are 1–100 letters, digits, '.', '_', '-' or '@'.", true),
        ["password"] = ($"Passwords need at least {UserStore.MinPasswordLength} characters and must not contain the username.", true),
        ["roles"] = ("Roles are admin, chief, ia, intake or lieutenant:<neighborhood code>, separated by spaces.", true),
        ["exists"] = ("That username is taken.", true),
        ["name"] = ("Full names are one line, without control characters.", true),
        ["self"] = ("You cannot remove your own admin role or disable yourself; ask another administrator.", true),
    };

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/users", List);
        admin.MapPost("/users", Create);
        admin.MapPost("/users/{id}/{change}", Change);
    }

    static async Task<IResult> List(HttpContext context, string? m, Db db, TimeProvider time)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = string.Concat((await UserStore.ListAsync(connection)).Select(u => $"""
            <tr><td>{E(u.Username)}<br><span class="muted">{E(u.DisplayName)}</span></td>
            <td>{(u.Active ? "active" : "<strong>disabled</strong>")}{(u.LockedUntil > now ? "<br><strong>locked</strong>" : "")}</td>
            <td>{(u.LastSignIn is { } s ? When(s) : "never")}</td>
            <td>{Form(context, $"/console/admin/users/{u.Id}/roles", $"<input type=\"text\" name=\"roles\" aria-label=\"Roles of {E(u.Username)}\" value=\"{E(u.Roles)}\"><button type=\"submit\">Save roles</button>")}</td>
            <td>{Form(context, $"/console/admin/users/{u.Id}/password", $"<input type=\"password\" name=\"password\" aria-label=\"New password for {E(u.Username)}\" autocomplete=\"new-password\"><button type=\"submit\" class=\"secondary\">Set password</button>")}
                {Form(context, $"/console/admin/users/{u.Id}/{(u.Active ? "disable" : "enable")}", $"<button type=\"submit\" class=\"secondary\">{(u.Active ? "Disable" : "Enable")}</button>", "inline")}
                {(u.LockedUntil > now ? Form(context, $"/console/admin/users/{u.Id}/unlock", "<button type=\"submit\" class=\"secondary\">Unlock</button>", "inline") : "")}</td></tr>
            """));
        var create = Form(context, "/console/admin/users", """
            <h2>New user</h2><div class="grid"><div><label for="username">Username</label><input type="text" id="username" name="username" required maxlength="100">
            <label for="displayName">Full name</label><input type="text" id="displayName" name="displayName" maxlength="200"></div>
            <div><label for="roles">Roles</label><input type="text" id="roles" name="roles" placeholder="ia" required>
            <label for="password">Initial password</label><input type="password" id="password" name="password" autocomplete="new-password" required></div></div>
            <button type="submit">Create user</button>
            """);
        var message = m is not null && Messages.TryGetValue(m, out var msg) ? Message(msg.Text, msg.Error) : "";
        return Page(context, "Users", message + "<table><thead><tr><th>User</th><th>State</th><th>Last sign-in</th><th>Roles</th><th>Actions</th></tr></thead>"
            + $"<tbody>{rows}</tbody></table>{create}");
    }

    static async Task<IResult> Create(HttpContext context, Db db, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (username, name, password) = (form["username"].ToString().Trim(), form["displayName"].ToString().Trim(), form["password"].ToString());
        if (!UserStore.ValidUsername(username)) return Back("username");
        if (Surveys.Rules.Validation.LineProblem(name) is not null) return Back("name");
        if (!StaffRoles.TryParse(form["roles"], out var roles, out _)) return Back("roles");
        if (UserStore.PasswordProblem(password, username) is not null) return Back("password");
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var created = await UserStore.CreateAsync(connection, tx, username, name.Length == 0 ? username : name[..Math.Min(200, name.Length)], password, roles, now);
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, "user.create", UserStore.Normalize(username),
            created ? AuditLog.Success : AuditLog.Rejected, created ? $"roles {StaffRoles.Join(roles)}" : "username taken"), now);
        await tx.CommitAsync();
        return Back(created ? "created" : "exists");
    }

    static async Task<IResult> Change(HttpContext context, string id, string change, Db db, TimeProvider time)
    {
        if (change is not ("roles" or "password" or "disable" or "enable" or "unlock")) return NotFound(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var user = await UserStore.FindByIdAsync(connection, id);
        if (user is null) return NotFound(context, "user");
        var self = context.User.FindFirstValue(ClaimTypes.NameIdentifier) == id;
        var roles = new List<string>();
        if (change == "roles" && !StaffRoles.TryParse(form["roles"], out roles, out _)) return Back("roles");
        if (self && (change == "disable" || change == "roles" && !roles.Contains("admin"))) return Back("self");
        if (change == "password" && UserStore.PasswordProblem(form["password"], user.Username) is not null) return Back("password");

        await using var tx = await connection.BeginTransactionAsync(context.RequestAborted);
        var detail = change == "roles" ? $"roles {user.Roles} -> {StaffRoles.Join(roles)}" : null;
        _ = change switch
        {
            "roles" => await UserStore.SetRolesAsync(connection, tx, id, roles, now),
            "password" => await UserStore.SetPasswordAsync(connection, tx, id, form["password"].ToString(), now),
            "unlock" => await UserStore.UnlockAsync(connection, tx, id, now),
            _ => await UserStore.SetActiveAsync(connection, tx, id, change == "enable", now),
        };
        await AuditLog.WriteAsync(connection, tx, AuditLog.For(context, $"user.{change}", user.Username, AuditLog.Success, detail), now);
        await tx.CommitAsync();
        return Back("saved");
    }

    static IResult Back(string message) => SeeOther($"/console/admin/users?m={message}");
}
