using Microsoft.Data.Sqlite;
using Paperboy.Submissions;
using static Paperboy.Store.Sqlite.SqliteText;

namespace Paperboy.Store.Sqlite;

/// <summary>Reads and writes <c>paper_submissions</c>: the curated list of papers users submitted.</summary>
internal static class SqliteSubmissions
{
    private const string SubmissionColumns = "s.paper_id, s.user_id, u.user_name, s.day, s.created";

    public static Submission Record(SqliteConnection connection, string paperId, long userId, DateOnly day, DateTimeOffset at)
    {
        using var transaction = connection.BeginTransaction();
        using var check = Command(
            connection,
            transaction,
            "SELECT EXISTS (SELECT 1 FROM papers WHERE id = $paper), EXISTS (SELECT 1 FROM users WHERE id = $user)",
            ("$paper", paperId),
            ("$user", userId));
        using (var reader = check.ExecuteReader())
        {
            reader.Read();
            if (!reader.GetBoolean(0))
            {
                throw new ArgumentException($"no paper has id \"{paperId}\"", nameof(paperId));
            }

            if (!reader.GetBoolean(1))
            {
                throw new ArgumentException($"no user has id {userId}", nameof(userId));
            }
        }

        using var insert = Command(
            connection,
            transaction,
            "INSERT INTO paper_submissions (paper_id, user_id, day, created) VALUES ($paper, $user, $day, $at) ON CONFLICT (paper_id) DO NOTHING",
            ("$paper", paperId),
            ("$user", userId),
            ("$day", SqlitePaperRows.DayOrNull(day)),
            ("$at", Moment(at)));
        if (insert.ExecuteNonQuery() == 1)
        {
            // Joining the curated list is a change of the paper, so that views cached by change sequence follow.
            using var touch = Command(
                connection,
                transaction,
                "UPDATE papers SET seq = $seq WHERE id = $paper",
                ("$seq", NextChangeSequence(connection, transaction)),
                ("$paper", paperId));
            touch.ExecuteNonQuery();
        }

        var submission = Find(connection, transaction, paperId)!;
        transaction.Commit();
        return submission;
    }

    public static Submission? Find(SqliteConnection connection, SqliteTransaction? transaction, string paperId)
    {
        using var command = Command(
            connection,
            transaction,
            $"SELECT {SubmissionColumns} FROM paper_submissions s JOIN users u ON u.id = s.user_id WHERE s.paper_id = $paper",
            ("$paper", paperId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSubmission(reader, 0) : null;
    }

    public static IReadOnlyList<SubmittedPaper> List(SqliteConnection connection, SubmissionQuery query)
    {
        using var command = Command(
            connection,
            null,
            $"""
            SELECT {SqlitePaperRows.PrefixedColumns("p")}, {SubmissionColumns}
            FROM paper_submissions s JOIN papers p ON p.id = s.paper_id JOIN users u ON u.id = s.user_id
            WHERE s.day BETWEEN $from AND $to
            ORDER BY p.upvotes DESC, s.created DESC, p.id
            LIMIT $limit OFFSET $offset
            """,
            ("$from", SqlitePaperRows.DayOrNull(query.From)),
            ("$to", SqlitePaperRows.DayOrNull(query.To)),
            ("$limit", query.Limit),
            ("$offset", query.Offset));
        using var reader = command.ExecuteReader();
        var papers = new List<SubmittedPaper>();
        while (reader.Read())
        {
            papers.Add(new SubmittedPaper(SqlitePaperRows.Read(reader), ReadSubmission(reader, SqlitePaperRows.ColumnCount)));
        }

        return papers;
    }

    public static int Count(SqliteConnection connection, DateOnly from, DateOnly to)
    {
        using var command = Command(
            connection,
            null,
            "SELECT count(*) FROM paper_submissions WHERE day BETWEEN $from AND $to",
            ("$from", SqlitePaperRows.DayOrNull(from)),
            ("$to", SqlitePaperRows.DayOrNull(to)));
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Submission ReadSubmission(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetInt64(first + 1),
        reader.GetString(first + 2),
        DateOnly.ParseExact(reader.GetString(first + 3), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ReadMoment(reader, first + 4));
}
