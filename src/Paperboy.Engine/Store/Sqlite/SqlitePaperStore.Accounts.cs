using Paperboy.Accounts;
using Paperboy.Submissions;
using Paperboy.Votes;

namespace Paperboy.Store.Sqlite;

/// <summary>The SQLite store's accounts, votes and submissions: the same file and transactions as its papers.</summary>
public sealed partial class SqlitePaperStore : IAccountStore, IVoteStore, ISubmissionStore
{
    public UserCreation CreateUser(string userName, string email, string passwordHash, DateTimeOffset created)
    {
        using var connection = Connect();
        return SqliteAccounts.CreateUser(connection, userName, email, passwordHash, created);
    }

    public User? FindUser(long id)
    {
        using var connection = Connect();
        return SqliteAccounts.FindUser(connection, id);
    }

    public void StartSession(long userId, string sessionId, DateTimeOffset created)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        using var connection = Connect();
        SqliteAccounts.StartSession(connection, userId, sessionId, created);
    }

    public User? FindSessionUser(long userId, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var connection = Connect();
        return SqliteAccounts.FindSessionUser(connection, userId, sessionId);
    }

    public bool EndSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var connection = Connect();
        return SqliteAccounts.EndSession(connection, sessionId);
    }

    public int EndSessions(long userId)
    {
        using var connection = Connect();
        return SqliteAccounts.EndSessions(connection, userId);
    }

    public bool SeeSession(string sessionId, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var connection = Connect();
        return SqliteAccounts.SeeSession(connection, sessionId, seen);
    }

    public int EndSessionsUnseenSince(DateTimeOffset since)
    {
        using var connection = Connect();
        return SqliteAccounts.EndSessionsUnseenSince(connection, since);
    }

    public User? FindUserByNameOrEmail(string nameOrEmail)
    {
        ArgumentNullException.ThrowIfNull(nameOrEmail);
        using var connection = Connect();
        return SqliteAccounts.FindUserByNameOrEmail(connection, nameOrEmail);
    }

    public IReadOnlyList<User> ListUsers()
    {
        using var connection = Connect();
        return SqliteAccounts.ListUsers(connection);
    }

    public void UpdatePasswordHash(long userId, string passwordHash)
    {
        using var connection = Connect();
        SqliteAccounts.UpdatePasswordHash(connection, userId, passwordHash);
    }

    public User? SetAdmin(string userName, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(userName);
        using var connection = Connect();
        return SqliteAccounts.SetAdmin(connection, userName, isAdmin);
    }

    public ApiToken CreateApiToken(long userId, string name, string tokenHash, DateTimeOffset created)
    {
        using var connection = Connect();
        return SqliteAccounts.CreateApiToken(connection, userId, name, tokenHash, created);
    }

    public IReadOnlyList<ApiToken> ListApiTokens(long userId)
    {
        using var connection = Connect();
        return SqliteAccounts.ListApiTokens(connection, userId);
    }

    public bool RevokeApiToken(long userId, long tokenId)
    {
        using var connection = Connect();
        return SqliteAccounts.RevokeApiToken(connection, userId, tokenId);
    }

    public (User User, ApiToken Token)? UseApiToken(string tokenHash, DateTimeOffset usedAt)
    {
        using var connection = Connect();
        return SqliteAccounts.UseApiToken(connection, tokenHash, usedAt);
    }

    public VoteOutcome Upvote(long userId, string paperId, DateTimeOffset at)
    {
        using var connection = Connect();
        return SqliteVotes.Upvote(connection, userId, paperId, at);
    }

    public VoteOutcome RemoveUpvote(long userId, string paperId)
    {
        using var connection = Connect();
        return SqliteVotes.RemoveUpvote(connection, userId, paperId);
    }

    public IReadOnlySet<string> UpvotedAmong(long userId, IReadOnlyCollection<string> paperIds)
    {
        ArgumentNullException.ThrowIfNull(paperIds);
        using var connection = Connect();
        return SqliteVotes.UpvotedAmong(connection, userId, paperIds);
    }

    public IReadOnlyList<string> UpvotedBy(long userId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = Connect();
        return SqliteVotes.UpvotedBy(connection, userId, limit);
    }

    public Submission RecordSubmission(string paperId, long userId, DateOnly day, DateTimeOffset at)
    {
        using var connection = Connect();
        return SqliteSubmissions.Record(connection, paperId, userId, day, at);
    }

    public Submission? FindSubmission(string paperId)
    {
        using var connection = Connect();
        return SqliteSubmissions.Find(connection, null, paperId);
    }

    public IReadOnlyList<SubmittedPaper> ListSubmitted(SubmissionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Connect();
        return SqliteSubmissions.List(connection, query);
    }

    public int CountSubmitted(DateOnly firstDay, DateOnly lastDay)
    {
        using var connection = Connect();
        return SqliteSubmissions.Count(connection, firstDay, lastDay);
    }
}
