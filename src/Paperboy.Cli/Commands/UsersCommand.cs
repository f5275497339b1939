using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paperboy.Accounts;
using Paperboy.Store.Sqlite;
using Spectre.Console;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy users list|grant-admin|revoke-admin</c>: the site's accounts, from the server's own shell.</summary>
internal static class UsersCommand
{
    public static Command Create() => new("users", "List the site's user accounts and grant or revoke admin rights")
    {
        List(),
        SetAdmin("grant-admin", "Let a user import and delete papers from the web", true),
        SetAdmin("revoke-admin", "Take a user's admin rights away", false),
    };

    private static Command List()
    {
        var json = PaperboyCommandLine.Json();
        var command = new Command("list", "List user accounts, oldest first") { json };
        command.SetAction(parsed =>
        {
            using var store = OpenAccounts(parsed);
            var users = store.ListUsers();
            if (parsed.GetValue(json))
            {
                foreach (var user in users)
                {
                    Console.WriteLine(JsonSerializer.Serialize(UserLine.From(user), UserLineJson.Default.UserLine));
                }

                return PaperboyCommandLine.Ok;
            }

            var table = new Table().AddColumns("id", "user name", "email", "created (UTC)", "admin");
            foreach (var user in users)
            {
                table.AddRow($"{user.Id}", Markup.Escape(user.UserName), Markup.Escape(user.Email), $"{user.Created.UtcDateTime:yyyy-MM-dd HH:mm}", user.IsAdmin ? "yes" : "");
            }

            table.Caption($"{users.Count} users");
            AnsiConsole.Write(table);
            return PaperboyCommandLine.Ok;
        });
        return command;
    }

    private static Command SetAdmin(string name, string description, bool isAdmin)
    {
        var userName = new Argument<string>("user") { Description = "The user's name or email" };
        var command = new Command(name, description) { userName };
        command.SetAction(parsed =>
        {
            using var store = OpenAccounts(parsed);
            var wanted = parsed.GetValue(userName)!;
            if (store.SetAdmin(store.FindUserByNameOrEmail(wanted)?.UserName ?? wanted, isAdmin) is not { } user)
            {
                Console.Error.WriteLine($"paperboy: no user named \"{wanted}\" (nor with that email) in {parsed.GetValue(PaperboyCommandLine.DataDirectory)} (see 'paperboy users list')");
                return PaperboyCommandLine.Failure;
            }

            Console.WriteLine(isAdmin ? $"{user.UserName} is now an admin" : $"{user.UserName} is no longer an admin");
            if (!isAdmin && !store.ListUsers().Any(u => u.IsAdmin))
            {
                Console.Error.WriteLine("paperboy: note: no admin is left; grant-admin makes one");
            }

            return PaperboyCommandLine.Ok;
        });
        return command;
    }

    /// <summary>Accounts live in the same store as the papers; the embedded SQLite store is the only provider so far.</summary>
    private static SqlitePaperStore OpenAccounts(ParseResult parsed) => SqlitePaperStore.Open(parsed.GetValue(PaperboyCommandLine.DataDirectory)!);
}

/// <summary>One user as <c>users list --json</c> prints it (never the password hash).</summary>
internal sealed record UserLine(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("user_name")] string UserName,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("is_admin")] bool IsAdmin)
{
    public static UserLine From(User user) => new(user.Id, user.UserName, user.Email, user.Created, user.IsAdmin);
}

[JsonSerializable(typeof(UserLine))]
internal sealed partial class UserLineJson : JsonSerializerContext;
