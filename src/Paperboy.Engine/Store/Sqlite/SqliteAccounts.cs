using Microsoft.Data.Sqlite;
using Paperboy.Accounts;
using static Paperboy.Store.Sqlite.SqliteText;

namespace Paperboy.Store.Sqlite;

/// <summary>Reads and writes the <c>users</c> and <c>api_tokens</c> tables.</summary>
internal static class SqliteAccounts
{
    private const string UserColumns = "u.id, u.user_name, u.email, u.password_hash, u.created, u.is_admin";
    private const string TokenColumns = "t.id, t.user_id, t.name, t.created, t.last_used";

    public static UserCreation CreateUser(SqliteConnection connection, string userName, string email, string passwordHash, DateTimeOffset created)
    {
        using var transaction = connection.BeginTransaction();
        using var taken = Command(
            connection,
            transaction,
            "SELECT EXISTS (SELECT 1 FROM users WHERE user_name = $name), EXISTS (SELECT 1 FROM users WHERE email = $email)",
            ("$name", userName),
            ("$email", email));
        using (var reader = taken.ExecuteReader())
        {
            reader.Read();
            if (reader.GetBoolean(0) || reader.GetBoolean(1))
            {
                return new UserCreation(null, reader.GetBoolean(0), reader.GetBoolean(1));
            }
        }

        // Inside the write transaction, so of two first sign-ups at once only one sees an empty table.
        using var insert = Command(
            connection,
            transaction,
            """
            INSERT INTO users (user_name, email, password_hash, created, is_admin)
            VALUES ($name, $email, $hash, $created, NOT EXISTS (SELECT 1 FROM users))
            RETURNING id, user_name, email, password_hash, created, is_admin
            """,
            ("$name", userName),
            ("$email", email),
            ("$hash", passwordHash),
            ("$created", Moment(created)));
        User user;
        using (var reader = insert.ExecuteReader())
        {
            reader.Read();
            user = ReadUser(reader);
        }

        transaction.Commit();
        return UserCreation.Created(user);
    }

    public static User? FindUser(SqliteConnection connection, long id)
    {
        using var command = Command(connection, null, $"SELECT {UserColumns} FROM users u WHERE u.id = $id", ("$id", id));
        return ReadUsers(command).SingleOrDefault();
    }

    public static void StartSession(SqliteConnection connection, long userId, string sessionId, DateTimeOffset created)
    {
        using var command = Command(
            connection,
            null,
            "INSERT INTO user_sessions (id, user_id, created, seen) SELECT $id, $user, $created, $created WHERE EXISTS (SELECT 1 FROM users WHERE id = $user)",
            ("$id", sessionId),
            ("$user", userId),
            ("$created", Moment(created)));
        if (command.ExecuteNonQuery() != 1)
        {
            throw new ArgumentException($"no user has id {userId}", nameof(userId));
        }
    }

    public static User? FindSessionUser(SqliteConnection connection, long userId, string sessionId)
    {
        using var command = Command(
            connection,
            null,
            $"SELECT {UserColumns} FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $id AND s.user_id = $user",
            ("$id", sessionId),
            ("$user", userId));
        return ReadUsers(command).SingleOrDefault();
    }

    public static bool EndSession(SqliteConnection connection, string sessionId)
    {
        using var command = Command(connection, null, "DELETE FROM user_sessions WHERE id = $id", ("$id", sessionId));
        return command.ExecuteNonQuery() == 1;
    }

    public static int EndSessions(SqliteConnection connection, long userId)
    {
        using var command = Command(connection, null, "DELETE FROM user_sessions WHERE user_id = $user", ("$user", userId));
        return command.ExecuteNonQuery();
    }

    public static bool SeeSession(SqliteConnection connection, string sessionId, DateTimeOffset seen)
    {
        using var command = Command(connection, null, "UPDATE user_sessions SET seen = $seen WHERE id = $id", ("$id", sessionId), ("$seen", Moment(seen)));
        return command.ExecuteNonQuery() == 1;
    }

    public static int EndSessionsUnseenSince(SqliteConnection connection, DateTimeOffset since)
    {
        using var command = Command(connection, null, "DELETE FROM user_sessions WHERE seen < $since", ("$since", Moment(since)));
        return command.ExecuteNonQuery();
    }

    /// <remarks>
    /// Emails are compared as typed and in lower case: NOCASE folds only ASCII letters, new accounts' emails are stored in
    /// lower case (<see cref="Accounts.UserAccounts.SignUp"/>), and older ones as they were typed.
    /// </remarks>
    public static User? FindUserByNameOrEmail(SqliteConnection connection, string nameOrEmail)
    {
        using var command = Command(
            connection,
            null,
            $"SELECT {UserColumns} FROM users u WHERE u.user_name = $key OR u.email = $key OR u.email = $lower ORDER BY u.user_name = $key DESC LIMIT 1",
            ("$key", nameOrEmail.Trim()),
            ("$lower", nameOrEmail.Trim().ToLowerInvariant()));
        return ReadUsers(command).SingleOrDefault();
    }

    public static IReadOnlyList<User> ListUsers(SqliteConnection connection)
    {
        using var command = Command(connection, null, $"SELECT {UserColumns} FROM users u ORDER BY u.id");
        return ReadUsers(command);
    }

    public static void UpdatePasswordHash(SqliteConnection connection, long userId, string passwordHash)
    {
        using var command = Command(connection, null, "UPDATE users SET password_hash = $hash WHERE id = $id", ("$hash", passwordHash), ("$id", userId));
        command.ExecuteNonQuery();
    }

    public static User? SetAdmin(SqliteConnection connection, string userName, bool isAdmin)
    {
        using var command = Command(
            connection,
            null,
            "UPDATE users SET is_admin = $admin WHERE user_name = $name RETURNING id, user_name, email, password_hash, created, is_admin",
            ("$admin", isAdmin),
            ("$name", userName.Trim()));
        return ReadUsers(command).SingleOrDefault();
    }

    public static ApiToken CreateApiToken(SqliteConnection connection, long userId, string name, string tokenHash, DateTimeOffset created)
    {
        using var command = Command(
            connection,
            null,
            """
            INSERT INTO api_tokens (user_id, name, token_hash, created) SELECT $user, $name, $hash, $created WHERE EXISTS (SELECT 1 FROM users WHERE id = $user)
            RETURNING id, user_id, name, created, last_used
            """,
            ("$user", userId),
            ("$name", name),
            ("$hash", tokenHash),
            ("$created", Moment(created)));
        return ReadTokens(command).SingleOrDefault()
            ?? throw new ArgumentException($"no user has id {userId}", nameof(userId));
    }

    public static IReadOnlyList<ApiToken> ListApiTokens(SqliteConnection connection, long userId)
    {
        using var command = Command(connection, null, $"SELECT {TokenColumns} FROM api_tokens t WHERE t.user_id = $user ORDER BY t.id DESC", ("$user", userId));
        return ReadTokens(command);
    }

    public static bool RevokeApiToken(SqliteConnection connection, long userId, long tokenId)
    {
        using var command = Command(connection, null, "DELETE FROM api_tokens WHERE id = $id AND user_id = $user", ("$id", tokenId), ("$user", userId));
        return command.ExecuteNonQuery() == 1;
    }

    public static (User, ApiToken)? UseApiToken(SqliteConnection connection, string tokenHash, DateTimeOffset usedAt)
    {
        using var touch = Command(
            connection,
            null,
            "UPDATE api_tokens SET last_used = $at WHERE token_hash = $hash RETURNING id, user_id, name, created, last_used",
            ("$at", Moment(usedAt)),
            ("$hash", tokenHash));
        if (ReadTokens(touch).SingleOrDefault() is not { } token)
        {
            return null;
        }

        return FindUser(connection, token.UserId) is { } user ? (user, token) : null;
    }

    private static User ReadUser(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadMoment(reader, 4), reader.GetBoolean(5));

    private static List<User> ReadUsers(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var users = new List<User>();
        while (reader.Read())
        {
            users.Add(ReadUser(reader));
        }

        return users;
    }

    private static List<ApiToken> ReadTokens(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var tokens = new List<ApiToken>();
        while (reader.Read())
        {
            tokens.Add(new ApiToken(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), ReadMoment(reader, 3), ReadMomentOrNull(reader, 4)));
        }

        return tokens;
    }
}
