using Surveys.Api.Audit;
using Surveys.Data;

namespace Surveys.Api.Users;

/// <summary>
/// `SurveyApi users …`: manages staff accounts from the command line and exits without starting
/// the web server. This is how the first administrator comes to exist: there is no default
/// account and no default password. Every change is audited as the operating-system user.
/// </summary>
public static class UsersCommand
{
    const string Usage = """
        Usage: SurveyApi users <command> [options] [configuration, e.g. --ConnectionStrings:Surveys=...]
          add <username> --role <role> [--role <role>…] [--name "Display Name"]   create a user (asks for the password)
          roles <username> --role <role> [--role <role>…]                          replace a user's roles
          password <username>                                                      set a new password (ends their sessions)
          unlock <username> | disable <username> | enable <username>
          list
        Roles: admin, chief, ia, intake, lieutenant:<neighborhood code>.
        The password is read from the terminal without echo, or from standard input with --password-stdin.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output)
    {
        var (positional, roles, name, passwordStdin, configArgs) = Parse(args);
        if (positional.Count == 0 || positional[0] is "help" or "--help") { await output.WriteLineAsync(Usage); return positional.Count == 0 ? 1 : 0; }
        var builder = WebApplication.CreateBuilder(configArgs.ToArray());
        var options = builder.Configuration.GetSection(SurveysOptions.Section).Get<SurveysOptions>() ?? new SurveysOptions();
        await using var db = Db.FromOptions(options, builder.Configuration.GetConnectionString("Surveys"));
        if (options.Mode == SurveysMode.Embedded) await Migrator.ApplyAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using var connection = await db.OpenAsync();
        if (!await Migrator.IsCurrentAsync(connection, db.Kind))
        {
            await output.WriteLineAsync("The database schema is not current: run `SurveyWorker migrate` first.");
            return 1;
        }

        var now = DateTimeOffset.UtcNow;
        var (command, username) = (positional[0], positional.ElementAtOrDefault(1));
        if (command == "list")
        {
            foreach (var u in await UserStore.ListAsync(connection))
                await output.WriteLineAsync($"{u.Username,-24} {(u.Active ? "active" : "disabled"),-8} {u.Roles}{(u.LockedUntil > now.ToUnixTimeMilliseconds() ? "  (locked)" : "")}");
            return 0;
        }
        if (username is null) { await output.WriteLineAsync(Usage); return 1; }
        if (command is "add" or "roles" && !StaffRoles.TryParse(string.Join(' ', roles), out roles, out var roleError))
        {
            await output.WriteLineAsync($"--role: {roleError}");
            return 1;
        }
        if (command == "add" && !UserStore.ValidUsername(username))
        {
            await output.WriteLineAsync("Usernames are 1–100 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.");
            return 1;
        }
        var existing = await UserStore.FindAsync(connection, username);
        if (command != "add" && existing is null) { await output.WriteLineAsync($"No user '{UserStore.Normalize(username)}'."); return 2; }

        string? password = null;
        if (command is "add" or "password")
        {
            var piped = passwordStdin || Console.IsInputRedirected;
            password = piped ? input.ReadLine() : Prompt(output);
            if (password is null) { await output.WriteLineAsync(piped ? "No password on standard input." : "The two passwords differ."); return 1; }
            if (UserStore.PasswordProblem(password, username) is { } problem) { await output.WriteLineAsync($"Password {problem}"); return 1; }
        }

        await using var tx = await connection.BeginTransactionAsync();
        string action, detail = "";
        switch (command)
        {
            case "add":
                if (!await UserStore.CreateAsync(connection, tx, username, name ?? username, password!, roles, now))
                {
                    await output.WriteLineAsync($"User '{UserStore.Normalize(username)}' already exists.");
                    return 2;
                }
                (action, detail) = ("user.create", $"roles {StaffRoles.Join(roles)}");
                break;
            case "roles":
                await UserStore.SetRolesAsync(connection, tx, existing!.Id, roles, now);
                (action, detail) = ("user.roles", $"roles {existing.Roles} -> {StaffRoles.Join(roles)}");
                break;
            case "password": await UserStore.SetPasswordAsync(connection, tx, existing!.Id, password!, now); action = "user.password"; break;
            case "unlock": await UserStore.UnlockAsync(connection, tx, existing!.Id, now); action = "user.unlock"; break;
            case "disable" or "enable": await UserStore.SetActiveAsync(connection, tx, existing!.Id, command == "enable", now); action = $"user.{command}"; break;
            default: await output.WriteLineAsync(Usage); return 1;
        }
        await AuditLog.WriteAsync(connection, tx, new AuditLog.Entry($"cli:{Environment.UserName}", "cli", action, UserStore.Normalize(username),
            AuditLog.Success, $"local:{Environment.MachineName}", detail.Length == 0 ? null : detail), now);
        await tx.CommitAsync();
        await output.WriteLineAsync($"{action} {UserStore.Normalize(username)}: done.");
        return 0;
    }

    static (List<string> Positional, List<string> Roles, string? Name, bool PasswordStdin, List<string> Config) Parse(string[] args)
    {
        var (positional, roles, config) = (new List<string>(), new List<string>(), new List<string>());
        string? name = null;
        var stdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length: roles.Add(args[++i]); break;
                case "--name" when i + 1 < args.Length: name = args[++i]; break;
                case "--password-stdin": stdin = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal) || a.StartsWith('/'):
                    config.Add(a);
                    if (!a.Contains('=') && i + 1 < args.Length) config.Add(args[++i]);
                    break;
                default: positional.Add(args[i]); break;
            }
        }
        return (positional, roles, name, stdin, config);
    }

    static string? Prompt(TextWriter output)
    {
        string Read(string label)
        {
            output.Write(label);
            var text = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
                if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; } else text.Append(key.KeyChar);
            output.WriteLine();
            return text.ToString();
        }
        var first = Read("Password: ");
        return first == Read("Again: ") ? first : null;
    }
}
