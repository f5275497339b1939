namespace Paperboy.Accounts;

/// <summary>Where user accounts and their API tokens are kept; every store provider implements it.</summary>
/// <remarks>
/// The store checks uniqueness and the first-user rule inside its own transaction, so two sign-ups at once cannot both
/// take a name or both become the first user. Rules about what a valid name or password is live in <see cref="AccountRules"/>.
/// </remarks>
public interface IAccountStore
{
    /// <summary>Adds a user; the first user the store ever gets is an admin.</summary>
    /// <returns>The new user, or why it could not be added (name or email already taken).</returns>
    UserCreation CreateUser(string userName, string email, string passwordHash, DateTimeOffset created);

    /// <summary>The user with this id, or null.</summary>
    User? FindUser(long id);

    /// <summary>Records a sign-in session of the user (its id is the secret a sign-in cookie carries).</summary>
    void StartSession(long userId, string sessionId, DateTimeOffset created);

    /// <summary>The user, when <paramref name="sessionId"/> is one of their sessions still going; null once it has ended.</summary>
    User? FindSessionUser(long userId, string sessionId);

    /// <summary>Ends one session (signing out); false when it had ended already.</summary>
    bool EndSession(string sessionId);

    /// <summary>Ends every session of the user (signing out everywhere); how many there were.</summary>
    int EndSessions(long userId);

    /// <summary>Notes that the session's cookie was issued again (renewed) at <paramref name="seen"/>; false when it had ended.</summary>
    bool SeeSession(string sessionId, DateTimeOffset seen);

    /// <summary>Ends every session last seen before <paramref name="since"/>; how many there were.</summary>
    int EndSessionsUnseenSince(DateTimeOffset since);

    /// <summary>The user with this user name or email (letter case ignored), or null.</summary>
    User? FindUserByNameOrEmail(string nameOrEmail);

    /// <summary>Every user, oldest account first.</summary>
    IReadOnlyList<User> ListUsers();

    /// <summary>Replaces a user's password hash (after a rehash to a stronger format).</summary>
    void UpdatePasswordHash(long userId, string passwordHash);

    /// <summary>Makes the named user an admin or not; null when no user has that name.</summary>
    User? SetAdmin(string userName, bool isAdmin);

    /// <summary>Stores a new token for <paramref name="userId"/> by the SHA-256 of its secret.</summary>
    ApiToken CreateApiToken(long userId, string name, string tokenHash, DateTimeOffset created);

    /// <summary>The user's tokens, newest first.</summary>
    IReadOnlyList<ApiToken> ListApiTokens(long userId);

    /// <summary>Deletes the user's token; false when the user has no token with that id (another user's token included).</summary>
    bool RevokeApiToken(long userId, long tokenId);

    /// <summary>The token with this hash and its owner, noting the use at <paramref name="usedAt"/>; null when no such token exists.</summary>
    (User User, ApiToken Token)? UseApiToken(string tokenHash, DateTimeOffset usedAt);
}

/// <summary>What <see cref="IAccountStore.CreateUser"/> did: made <see cref="User"/>, or found the name or email taken.</summary>
public sealed record UserCreation(User? User, bool UserNameTaken, bool EmailTaken)
{
    public static UserCreation Created(User user) => new(user, false, false);
}
