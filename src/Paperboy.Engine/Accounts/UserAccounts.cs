using Microsoft.AspNetCore.Identity;

namespace Paperboy.Accounts;

/// <summary>Signing up and in, admin rights and personal API tokens, over any <see cref="IAccountStore"/>.</summary>
/// <remarks>Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned format).</remarks>
public sealed class UserAccounts(IAccountStore store, TimeProvider time)
{
    private static readonly PasswordHasher<User> _hasher = new();
    private static readonly User _nobody = new(0, "", "", "", DateTimeOffset.UnixEpoch, false);

    // Checked against when no user has the name given, so that a failed sign-in takes as long whether or not the name exists.
    private static readonly Lazy<string> _decoyHash = new(() => _hasher.HashPassword(_nobody, Guid.NewGuid().ToString()));

    public IAccountStore Store => store;

    /// <summary>Checks the rules, hashes the password and adds the user (the first one becomes an admin).</summary>
    /// <remarks>A name or email already taken is refused before the password is hashed, which is the costly part.</remarks>
    public SignUpResult SignUp(string? userName, string? email, string? password)
    {
        var problems = AccountRules.CheckSignUp(userName, email, password);
        if (problems.Count > 0)
        {
            return new SignUpResult(null, problems);
        }

        // Emails are kept in lower case: the store's case-blind comparison folds only ASCII letters, so 'Émile@' and
        // 'émile@' would otherwise be two accounts.
        var stored = email!.ToLowerInvariant();
        var nameTaken = store.FindUserByNameOrEmail(userName!) is not null;
        var emailTaken = store.FindUserByNameOrEmail(stored) is not null;
        if (nameTaken || emailTaken)
        {
            return Taken(userName!, email, nameTaken, emailTaken);
        }

        var now = time.GetUtcNow();
        var hash = _hasher.HashPassword(_nobody with { UserName = userName!, Email = stored }, password!);
        var created = store.CreateUser(userName!, stored, hash, now);
        return created.User is { } user ? new SignUpResult(user, []) : Taken(userName!, email, created.UserNameTaken, created.EmailTaken);
    }

    private static SignUpResult Taken(string userName, string email, bool userNameTaken, bool emailTaken)
    {
        var taken = new List<AccountProblem>();
        if (userNameTaken)
        {
            taken.Add(new AccountProblem(AccountField.UserName, $"user name '{userName}' is taken; choose another"));
        }

        if (emailTaken)
        {
            taken.Add(new AccountProblem(AccountField.Email, $"email '{email}' already has an account; sign in instead"));
        }

        return new SignUpResult(null, taken);
    }

    /// <summary>The user whose name or email and password these are, or null; upgrades the stored hash when the hasher asks.</summary>
    public User? SignIn(string? nameOrEmail, string? password)
    {
        if (string.IsNullOrWhiteSpace(nameOrEmail) || string.IsNullOrEmpty(password) || password.Length > AccountRules.MaxPasswordLength)
        {
            return null;
        }

        var user = store.FindUserByNameOrEmail(nameOrEmail);
        var result = _hasher.VerifyHashedPassword(user ?? _nobody, user?.PasswordHash ?? _decoyHash.Value, password);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = _hasher.HashPassword(user, password);
            store.UpdatePasswordHash(user.Id, rehashed);
            user = user with { PasswordHash = rehashed };
        }

        return user;
    }

    /// <summary>Makes the named user an admin (or not); null when no user has that name.</summary>
    public User? SetAdmin(string userName, bool isAdmin) => store.SetAdmin(userName, isAdmin);

    /// <summary>Creates a token for the user; its secret is in the result and nowhere else.</summary>
    /// <exception cref="ArgumentException">The name breaks <see cref="AccountRules.CheckTokenName"/>, or no user has that id.</exception>
    public NewApiToken CreateApiToken(long userId, string? name)
    {
        if (AccountRules.CheckTokenName(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var secret = ApiTokenSecret.Create();
        var token = store.CreateApiToken(userId, name!.Trim(), ApiTokenSecret.Hash(secret), time.GetUtcNow());
        return new NewApiToken(token, secret);
    }

    /// <summary>The owner of the token whose secret this is, noting its use; null for a malformed, unknown or revoked token.</summary>
    public User? Authenticate(string? secret) =>
        ApiTokenSecret.LooksLikeSecret(secret) && store.UseApiToken(ApiTokenSecret.Hash(secret!), time.GetUtcNow()) is { } use ? use.User : null;

    /// <summary>The user's tokens, newest first (names and use only).</summary>
    public IReadOnlyList<ApiToken> ApiTokens(long userId) => store.ListApiTokens(userId);

    /// <summary>Revokes the user's token; false when the user has no such token.</summary>
    public bool RevokeApiToken(long userId, long tokenId) => store.RevokeApiToken(userId, tokenId);

    /// <summary>Starts a sign-in session of the user: its id (128 random bits), for the sign-in cookie to carry.</summary>
    /// <param name="userId">Who signs in.</param>
    /// <param name="cookieLifetime">
    /// How long a sign-in cookie lasts after it is issued or renewed: sessions of every user unseen for longer can have no
    /// cookie left, and are deleted first, so that the store keeps only sessions that may still be used.
    /// </param>
    public string StartSession(long userId, TimeSpan cookieLifetime)
    {
        var now = time.GetUtcNow();
        store.EndSessionsUnseenSince(now - cookieLifetime);
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        store.StartSession(userId, id, now);
        return id;
    }

    /// <summary>Notes that the session's cookie was renewed now (see <see cref="StartSession"/>).</summary>
    public void SeeSession(string sessionId) => store.SeeSession(sessionId, time.GetUtcNow());
}

/// <summary>The outcome of <see cref="UserAccounts.SignUp"/>: the new user, or every rule the input broke.</summary>
public sealed record SignUpResult(User? User, IReadOnlyList<AccountProblem> Problems)
{
    public bool Succeeded => User is not null;
}
