using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Votes;
using static Paperboy.Store.Sqlite.SqliteText;

namespace Paperboy.Store.Sqlite;

/// <summary>Reads and writes <c>paper_votes</c>, keeping each paper's vote counts and change sequence in step in the same transaction.</summary>
internal static class SqliteVotes
{
    public static VoteOutcome Upvote(SqliteConnection connection, long userId, string paperId, DateTimeOffset at)
    {
        using var transaction = connection.BeginTransaction();
        using var user = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM users WHERE id = $user)", ("$user", userId));
        if (Convert.ToInt64(user.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            throw new ArgumentException($"no user has id {userId}", nameof(userId));
        }

        using var insert = Command(
            connection,
            transaction,
            "INSERT INTO paper_votes (paper_id, user_id, created) SELECT $paper, $user, $at WHERE EXISTS (SELECT 1 FROM papers WHERE id = $paper) ON CONFLICT DO NOTHING",
            ("$paper", paperId),
            ("$user", userId),
            ("$at", Moment(at)));
        var outcome = Apply(connection, transaction, userId, paperId, insert.ExecuteNonQuery() == 1 ? +1 : 0);
        transaction.Commit();
        return outcome;
    }

    public static VoteOutcome RemoveUpvote(SqliteConnection connection, long userId, string paperId)
    {
        using var transaction = connection.BeginTransaction();
        using var delete = Command(connection, transaction, "DELETE FROM paper_votes WHERE paper_id = $paper AND user_id = $user", ("$paper", paperId), ("$user", userId));
        var outcome = Apply(connection, transaction, userId, paperId, delete.ExecuteNonQuery() == 1 ? -1 : 0);
        transaction.Commit();
        return outcome;
    }

    public static IReadOnlySet<string> UpvotedAmong(SqliteConnection connection, long userId, IReadOnlyCollection<string> paperIds)
    {
        if (paperIds.Count == 0)
        {
            return new HashSet<string>();
        }

        using var command = Command(
            connection,
            null,
            "SELECT paper_id FROM paper_votes WHERE user_id = $user AND paper_id IN (SELECT value FROM json_each($ids))",
            ("$user", userId),
            ("$ids", JsonSerializer.Serialize(paperIds.ToArray(), StoreJson.Default.StringArray)));
        return ReadIds(command).ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> UpvotedBy(SqliteConnection connection, long userId, int limit)
    {
        using var command = Command(
            connection,
            null,
            "SELECT paper_id FROM paper_votes WHERE user_id = $user ORDER BY created DESC, paper_id LIMIT $limit",
            ("$user", userId),
            ("$limit", limit));
        return ReadIds(command);
    }

    /// <summary>Adds <paramref name="change"/> to the paper's counts (bumping its change sequence when it is not zero) and reads the result.</summary>
    private static VoteOutcome Apply(SqliteConnection connection, SqliteTransaction transaction, long userId, string paperId, int change)
    {
        if (change != 0)
        {
            using var update = Command(
                connection,
                transaction,
                "UPDATE papers SET upvotes = upvotes + $change, site_upvotes = site_upvotes + $change, seq = $seq WHERE id = $paper",
                ("$change", change),
                ("$seq", NextChangeSequence(connection, transaction)),
                ("$paper", paperId));
            update.ExecuteNonQuery();
        }

        using var read = Command(
            connection,
            transaction,
            "SELECT upvotes, EXISTS (SELECT 1 FROM paper_votes WHERE paper_id = $paper AND user_id = $user) FROM papers WHERE id = $paper",
            ("$paper", paperId),
            ("$user", userId));
        using var reader = read.ExecuteReader();
        return reader.Read() ? new VoteOutcome(true, change != 0, reader.GetBoolean(1), reader.GetInt32(0)) : VoteOutcome.NoPaper;
    }

    private static List<string> ReadIds(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
