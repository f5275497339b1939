using System.Globalization;
using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>The embedded default store: one SQLite file in WAL mode.</summary>
public sealed partial class SqlitePaperStore : IPaperStore
{
    private const string FileName = "paperboy.db";

    /// <summary>Whether <paramref name="directory"/> holds a store (one that <see cref="Open"/> would not have to create).</summary>
    public static bool ExistsIn(string directory) => File.Exists(Path.Combine(directory, FileName));
    private readonly string _connectionString;
    private readonly string _path;

    private SqlitePaperStore(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
    }

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDirectory"/> and upgrades its schema.</summary>
    public static SqlitePaperStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var store = new SqlitePaperStore(Path.GetFullPath(Path.Combine(dataDirectory, FileName)));
        try
        {
            CreateOwnerOnly(store._path);
            using var connection = store.Connect();
            using (var wal = connection.CreateCommand())
            {
                // 8 KiB pages (taking effect only when the file is new) hold more of the ~1 KiB paper rows per page: fewer WAL frames per import.
                wal.CommandText = "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            SqliteSchema.Upgrade(connection, store._path);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{store._path}: cannot open the store: {e.Message}", e);
        }

        return store;
    }

    /// <summary>
    /// Creates a new store's file readable by its owner alone (it holds password and token hashes); SQLite gives its
    /// log files the same mode. An existing file keeps the mode its operator gave it.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    public MergeSummary Merge(IReadOnlyList<PaperRecord> batch)
    {
        if (batch.Count == 0)
        {
            return MergeSummary.Empty;
        }

        using var merge = BeginMerge();
        var summary = merge.Merge(batch);
        merge.Commit();
        return summary;
    }

    public IPaperMerge BeginMerge()
    {
        var connection = Connect();
        try
        {
            using var bulk = connection.CreateCommand();
            // Checkpointing less often during bulk merges writes each hot index page to the database file fewer times.
            bulk.CommandText = "PRAGMA wal_autocheckpoint = 8192;";
            bulk.ExecuteNonQuery();
            return new SqliteMerge(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public Paper? Find(string id)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqlitePaperRows.Columns} FROM papers WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqlitePaperRows.Read(reader) : null;
    }

    public IReadOnlyList<Paper> FindMany(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var connection = Connect();
        var found = LoadByIds(connection, ids.Distinct(StringComparer.Ordinal));
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    public IReadOnlyList<Paper> List(PaperQuery query)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (query.ListedOn is not null)
        {
            conditions.Add("listed = $listed");
        }

        if (query.ListedFrom is not null)
        {
            conditions.Add("listed >= $from");
        }

        if (query.ListedTo is not null)
        {
            conditions.Add("listed <= $to");
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var order = query.Order switch
        {
            PaperOrder.Upvotes => "upvotes DESC, listed DESC, id",
            PaperOrder.Newest => "listed DESC, id",
            _ => "id",
        };
        command.CommandText = $"SELECT {SqlitePaperRows.Columns} FROM papers {where} ORDER BY {order} LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$listed", SqlitePaperRows.DayText(query.ListedOn));
        command.Parameters.AddWithValue("$from", SqlitePaperRows.DayText(query.ListedFrom));
        command.Parameters.AddWithValue("$to", SqlitePaperRows.DayText(query.ListedTo));
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
        return ReadAll(command);
    }

    public IEnumerable<Paper> ExportAll()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqlitePaperRows.Columns} FROM papers ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return SqlitePaperRows.Read(reader);
        }
    }

    public bool Delete(string id)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var writer = new SqliteMergeWriter(connection, transaction);
        var deleted = writer.Delete(id);
        writer.SaveSequence();
        transaction.Commit();
        return deleted;
    }

    public IReadOnlyList<PaperChange> ChangesSince(long sequence, int limit)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT seq, id, 1 AS live FROM papers WHERE seq > $seq
            UNION ALL SELECT seq, id, 0 FROM paper_tombstones WHERE seq > $seq
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$seq", sequence);
        command.Parameters.AddWithValue("$limit", limit);
        var changes = new List<(long Seq, string Id, bool Live)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                changes.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) == 1));
            }
        }

        var live = LoadByIds(connection, changes.Where(c => c.Live).Select(c => c.Id));
        return changes.Select(c => new PaperChange(c.Seq, c.Id, c.Live ? live[c.Id] : null)).ToList();
    }

    public StoreHead Head()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        // count(*) reads the narrowest index, not the papers' text.
        command.CommandText = "SELECT count(*), (SELECT value FROM store_meta WHERE key = 'change_sequence') FROM papers";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new StoreHead(reader.GetInt64(0), long.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    public StoreStatistics Statistics()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), count(*) FILTER (WHERE id NOT LIKE 't:%'), count(*) FILTER (WHERE abstract <> ''),
                   coalesce(sum(upvotes), 0), min(listed), max(listed),
                   (SELECT value FROM store_meta WHERE key = 'change_sequence')
            FROM papers
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new StoreStatistics(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.IsDBNull(4) ? null : DateOnly.Parse(reader.GetString(4)),
            reader.IsDBNull(5) ? null : DateOnly.Parse(reader.GetString(5)),
            long.Parse(reader.GetString(6)),
            SqliteSchema.ReadVersion(connection));
    }

    public IReadOnlyList<ListingDay> ListingDays()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT listed, count(*) FROM papers WHERE listed IS NOT NULL GROUP BY listed ORDER BY listed";
        using var reader = command.ExecuteReader();
        var days = new List<ListingDay>();
        while (reader.Read())
        {
            days.Add(new ListingDay(DateOnly.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt32(1)));
        }

        return days;
    }

    public void SaveEmbeddings(EmbeddingModel model, IReadOnlyList<PaperEmbedding> embeddings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(embeddings);
        using var connection = Connect();
        SqliteEmbeddings.Save(connection, model, embeddings);
    }

    public void ConfirmEmbeddings(EmbeddingModel model, IReadOnlyList<(string PaperId, long PaperSequence)> papers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(papers);
        using var connection = Connect();
        SqliteEmbeddings.Confirm(connection, model, papers);
    }

    public IReadOnlyList<EmbeddingCandidate> PapersMissingEmbeddings(EmbeddingModel model, int limit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = Connect();
        return SqliteEmbeddings.Missing(connection, model, limit);
    }

    public long CountEmbeddings(EmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var connection = Connect();
        return SqliteEmbeddings.Count(connection, model);
    }

    public IEnumerable<StoredEmbedding> LoadEmbeddings(EmbeddingModel model, long afterSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var connection = Connect();
        foreach (var embedding in SqliteEmbeddings.Load(connection, model, afterSequence))
        {
            yield return embedding;
        }
    }

    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    private static Dictionary<string, Paper> LoadByIds(SqliteConnection connection, IEnumerable<string> ids)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqlitePaperRows.Columns} FROM papers WHERE id = $id";
        var id = command.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        var papers = new Dictionary<string, Paper>();
        foreach (var wanted in ids)
        {
            id.Value = wanted;
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                papers[wanted] = SqlitePaperRows.Read(reader);
            }
        }

        return papers;
    }

    private static List<Paper> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var papers = new List<Paper>();
        while (reader.Read())
        {
            papers.Add(SqlitePaperRows.Read(reader));
        }

        return papers;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
