using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>Merges records into the store inside one open transaction.</summary>
/// <remarks>
/// The papers a batch touches are loaded with set queries (by id, then by title key) rather than one query per
/// record; merging then runs in memory against that working set, which also sees earlier records of the same batch,
/// and only papers that changed are written. A paper stays findable by every title it has had
/// (<c>paper_former_titles</c>), so a record carrying an old title still joins it and importing twice stays idempotent.
/// </remarks>
internal sealed class SqliteMergeWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly PreparedUpsert _upsert;
    private readonly Dictionary<string, Paper> _byId = new(StringComparer.Ordinal);
    // Title keys (current and former) map to ids, so that every alias finds the paper's latest state in _byId.
    private readonly Dictionary<string, string> _idByTitleKey = new(StringComparer.Ordinal);
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
        // The transaction itself holds what earlier batches wrote, so the working set starts afresh: papers of earlier
        // batches are not kept alive in memory for the rest of a long transaction.
        _byId.Clear();
        _idByTitleKey.Clear();
        LoadWorkingSet(batch);
        int created = 0, changed = 0, unchanged = 0;
        var written = new List<string>();
        foreach (var record in batch)
        {
            var existing = FindExisting(record);
            var merged = PaperMerge.Apply(existing, record);
            if (existing is null)
            {
                created++;
            }
            else if (record.ArxivId is { } arxivId && existing.Id != arxivId)
            {
                // A paper known only by its title has met its arXiv id: it moves to that id, former titles and all.
                Delete(existing.Id, movedTo: arxivId);
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

            Write(merged, existing, record);
            written.Add(merged.Id);
        }

        ReviveTombstones(written);
        SaveSequence();
        return new MergeSummary(created, changed, unchanged);
    }

    /// <summary>Deletes a paper, leaving a tombstone in the change feed; its former titles go with it, or to <paramref name="movedTo"/>.</summary>
    public bool Delete(string id, string? movedTo = null)
    {
        using var delete = Command("DELETE FROM papers WHERE id = $key", ("$key", id));
        if (delete.ExecuteNonQuery() == 0)
        {
            return false;
        }

        _byId.Remove(id);
        if (movedTo is not null)
        {
            foreach (var key in _idByTitleKey.Where(entry => entry.Value == id).Select(entry => entry.Key).ToList())
            {
                _idByTitleKey[key] = movedTo;
            }
        }

        using var titles = movedTo is null
            ? Command("DELETE FROM paper_former_titles WHERE paper_id = $key", ("$key", id))
            : Command("UPDATE OR IGNORE paper_former_titles SET paper_id = $to WHERE paper_id = $key", ("$key", id), ("$to", movedTo));
        titles.ExecuteNonQuery();
        FollowOrDropAccountRows(id, movedTo);
        using var tombstone = Command(
            "INSERT INTO paper_tombstones (id, seq) VALUES ($key, $seq) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
            ("$key", id),
            ("$seq", ++_sequence));
        tombstone.ExecuteNonQuery();
        return true;
    }

    /// <summary>Site votes and the submission go with a paper that moves to its arXiv id (its site vote count moves too); a deleted paper's are dropped.</summary>
    private void FollowOrDropAccountRows(string id, string? movedTo)
    {
        foreach (var table in (string[])["paper_votes", "paper_submissions"])
        {
            if (movedTo is not null)
            {
                using var move = Command($"UPDATE OR IGNORE {table} SET paper_id = $to WHERE paper_id = $key", ("$key", id), ("$to", movedTo));
                move.ExecuteNonQuery();
            }

            using var drop = Command($"DELETE FROM {table} WHERE paper_id = $key", ("$key", id));
            drop.ExecuteNonQuery();
        }
    }

    public void SaveSequence()
    {
        using var save = Command("UPDATE store_meta SET value = $seq WHERE key = 'change_sequence'", ("$seq", _sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        save.ExecuteNonQuery();
    }

    public void Dispose() => _upsert.Dispose();

    private void LoadWorkingSet(IReadOnlyList<PaperRecord> batch)
    {
        foreach (var paper in Load($"SELECT {SqlitePaperRows.Columns}, id FROM papers WHERE id IN (SELECT value FROM json_each($keys))", batch.Select(r => r.PaperId)))
        {
            _byId[paper.Paper.Id] = paper.Paper;
        }

        // Records with an arXiv id look for a title match only to adopt a paper known by title alone: when neither the
        // store nor the batch has such a paper (a plain arXiv import), that lookup is skipped.
        var adoptByTitle = batch.Any(r => r.ArxivId is null) || HasTitleOnlyPapers();
        var keys = batch.Where(r => !_byId.ContainsKey(r.PaperId) && (adoptByTitle || r.ArxivId is null)).Select(r => r.NormalisedTitle).ToList();
        var byTitle = Load($"SELECT {SqlitePaperRows.Columns}, title_key FROM papers WHERE {TitleKeyIn}", keys)
            .Concat(Load($"SELECT {SqlitePaperRows.PrefixedColumns("p")}, f.title_key FROM paper_former_titles f JOIN papers p ON p.id = f.paper_id WHERE f.title_key IN (SELECT value FROM json_each($keys))", keys));
        // An arXiv id is preferred when several papers share a title key.
        foreach (var (key, paper) in byTitle.OrderBy(p => p.Paper.HasArxivId))
        {
            _byId.TryAdd(paper.Id, paper);
            _idByTitleKey[key] = paper.Id;
        }
    }

    /// <summary>Papers whose title key is one of <c>$keys</c>, found through the index on the keys' first characters (schema 5).</summary>
    private const string TitleKeyIn =
        "substr(title_key, 1, 16) IN (SELECT substr(value, 1, 16) FROM json_each($keys)) AND title_key IN (SELECT value FROM json_each($keys))";

    private bool HasTitleOnlyPapers()
    {
        using var command = Command($"SELECT EXISTS (SELECT 1 FROM papers WHERE id >= '{TitleKey.IdPrefix}' AND id < 't;')");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Runs a query whose columns are a paper's followed by one key, for the keys given as a JSON array.</summary>
    private List<(string Key, Paper Paper)> Load(string sql, IEnumerable<string> keys)
    {
        var distinct = keys.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        using var command = Command(sql, ("$keys", JsonSerializer.Serialize(distinct, StoreJson.Default.StringArray)));
        using var reader = command.ExecuteReader();
        var papers = new List<(string, Paper)>();
        while (reader.Read())
        {
            papers.Add((reader.GetString(SqlitePaperRows.ColumnCount), SqlitePaperRows.Read(reader)));
        }

        return papers;
    }

    private Paper? FindExisting(PaperRecord record)
    {
        if (_byId.TryGetValue(record.PaperId, out var byId))
        {
            return byId;
        }

        // A record with an arXiv id only adopts a title match that has no arXiv id of its own.
        return _idByTitleKey.TryGetValue(record.NormalisedTitle, out var id) && _byId.TryGetValue(id, out var byTitle)
            && (record.ArxivId is null || !byTitle.HasArxivId)
            ? byTitle
            : null;
    }

    private void Write(Paper paper, Paper? before, PaperRecord record)
    {
        // The working set keeps the paper without its new sequence number, which no merge reads: no copy per write.
        var titleKey = paper.Title == record.Title ? record.NormalisedTitle : TitleKey.Normalise(paper.Title);
        _upsert.Execute(paper, titleKey, ++_sequence);
        _byId[paper.Id] = paper;
        _idByTitleKey[titleKey] = paper.Id;
        if (before is not null && before.Title != paper.Title && TitleKey.Normalise(before.Title) is var formerKey && formerKey != titleKey)
        {
            using var former = Command(
                "INSERT INTO paper_former_titles (title_key, paper_id) VALUES ($key, $id) ON CONFLICT DO NOTHING",
                ("$key", formerKey),
                ("$id", paper.Id));
            former.ExecuteNonQuery();
            _idByTitleKey[formerKey] = paper.Id;
        }
    }

    private void ReviveTombstones(List<string> written)
    {
        using var any = Command("SELECT EXISTS (SELECT 1 FROM paper_tombstones)");
        if (written.Count == 0 || Convert.ToInt64(any.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
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
