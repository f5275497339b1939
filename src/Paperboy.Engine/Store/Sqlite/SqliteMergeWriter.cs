using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>Merges records into the store inside one open transaction.</summary>
/// <remarks>
/// The papers a batch touches are loaded with two set queries (by id, then by title key) rather than one query
/// per record; merging then runs in memory against that working set, which also sees earlier records of the
/// same batch, and only papers that changed are written.
/// </remarks>
internal sealed class SqliteMergeWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly PreparedUpsert _upsert;
    private readonly Dictionary<string, Paper> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Paper> _byTitleKey = new(StringComparer.Ordinal);
    private long _sequence;

    public SqliteMergeWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _upsert = new PreparedUpsert(connection);
        using var read = Command("SELECT value FROM store_meta WHERE key = 'change_sequence'");
        _sequence = long.Parse((string)read.ExecuteScalar()!);
    }

    public MergeSummary MergeAll(IReadOnlyList<PaperRecord> batch)
    {
        var titleKeys = batch.Select(r => r.NormalisedTitle).ToArray();
        LoadWorkingSet(batch, titleKeys);
        int created = 0, changed = 0, unchanged = 0;
        var written = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            var existing = FindExisting(record, titleKeys[i]);
            var merged = PaperMerge.Apply(existing, record);
            if (existing is null)
            {
                created++;
            }
            else if (record.ArxivId is { } arxivId && existing.Id != arxivId)
            {
                // A paper known only by its title has met its arXiv id: it moves to that id.
                Delete(existing.Id);
                merged = merged with { Id = arxivId };
                changed++;
            }
            else if (PaperMerge.Differs(existing, merged))
            {
                changed++;
            }
            else
            {
                unchanged++;
                continue;
            }

            Write(merged);
            written.Add(merged.Id);
        }

        ReviveTombstones(written);
        SaveSequence();
        return new MergeSummary(created, changed, unchanged);
    }

    public bool Delete(string id)
    {
        using var delete = Command("DELETE FROM papers WHERE id = $key", ("$key", id));
        if (delete.ExecuteNonQuery() == 0)
        {
            return false;
        }

        if (_byId.Remove(id, out var removed))
        {
            _byTitleKey.Remove(TitleKey.Normalise(removed.Title));
        }

        using var tombstone = Command(
            "INSERT INTO paper_tombstones (id, seq) VALUES ($key, $seq) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
            ("$key", id),
            ("$seq", ++_sequence));
        tombstone.ExecuteNonQuery();
        return true;
    }

    public void SaveSequence()
    {
        using var save = Command("UPDATE store_meta SET value = $seq WHERE key = 'change_sequence'", ("$seq", _sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        save.ExecuteNonQuery();
    }

    public void Dispose() => _upsert.Dispose();

    private void LoadWorkingSet(IReadOnlyList<PaperRecord> batch, string[] titleKeys)
    {
        foreach (var paper in Load("id", batch.Select(r => r.PaperId)))
        {
            _byId[paper.Id] = paper;
        }

        // Records with an arXiv id look for a title match only to adopt a paper known by title alone: when the store
        // holds none (a plain arXiv import), that lookup is skipped.
        var titleOnlyPapers = HasTitleOnlyPapers();
        var missing = titleKeys.Where((_, i) => !_byId.ContainsKey(batch[i].PaperId) && (titleOnlyPapers || batch[i].ArxivId is null));
        // An arXiv id is preferred when several papers share a title key.
        foreach (var paper in Load("title_key", missing).OrderBy(p => p.HasArxivId))
        {
            _byTitleKey[TitleKey.Normalise(paper.Title)] = paper;
        }
    }

    private bool HasTitleOnlyPapers()
    {
        using var command = Command($"SELECT EXISTS (SELECT 1 FROM papers WHERE id >= '{TitleKey.IdPrefix}' AND id < 't;')");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private List<Paper> Load(string column, IEnumerable<string> keys)
    {
        var distinct = keys.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        using var command = Command(
            $"SELECT {SqlitePaperRows.Columns} FROM papers WHERE {column} IN (SELECT value FROM json_each($keys))",
            ("$keys", JsonSerializer.Serialize(distinct, StoreJson.Default.StringArray)));
        using var reader = command.ExecuteReader();
        var papers = new List<Paper>();
        while (reader.Read())
        {
            papers.Add(SqlitePaperRows.Read(reader));
        }

        return papers;
    }

    private Paper? FindExisting(PaperRecord record, string titleKey)
    {
        if (_byId.TryGetValue(record.PaperId, out var byId))
        {
            return byId;
        }

        // A record with an arXiv id only adopts a title match that has no arXiv id of its own.
        return _byTitleKey.TryGetValue(titleKey, out var byTitle) && (record.ArxivId is null || !byTitle.HasArxivId)
            ? byTitle
            : null;
    }

    private void Write(Paper paper)
    {
        var stored = paper with { Sequence = ++_sequence };
        var titleKey = TitleKey.Normalise(stored.Title);
        _upsert.Execute(stored, titleKey);
        _byId[stored.Id] = stored;
        _byTitleKey[titleKey] = stored;
    }

    private void ReviveTombstones(List<string> written)
    {
        if (written.Count == 0)
        {
            return;
        }

        using var revive = Command(
            "DELETE FROM paper_tombstones WHERE id IN (SELECT value FROM json_each($keys))",
            ("$keys", JsonSerializer.Serialize(written.ToArray(), StoreJson.Default.StringArray)));
        revive.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
