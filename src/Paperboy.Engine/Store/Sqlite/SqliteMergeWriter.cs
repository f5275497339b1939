using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>Merges records into the store inside one open transaction, with its statements prepared once.</summary>
internal sealed class SqliteMergeWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _byId;
    private readonly SqliteCommand _byTitleKey;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _revive;
    private long _sequence;

    public SqliteMergeWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _byId = Command($"SELECT {SqlitePaperRows.Columns} FROM papers WHERE id = $key", "$key");
        // An arXiv id is preferred when several papers share a title key.
        _byTitleKey = Command($"SELECT {SqlitePaperRows.Columns} FROM papers WHERE title_key = $key ORDER BY id LIKE 't:%', id LIMIT 1", "$key");
        _upsert = SqlitePaperRows.PrepareUpsert(connection, transaction);
        _revive = Command("DELETE FROM paper_tombstones WHERE id = $key", "$key");
        using var read = Command("SELECT value FROM store_meta WHERE key = 'change_sequence'");
        _sequence = long.Parse((string)read.ExecuteScalar()!);
    }

    public MergeSummary MergeAll(IReadOnlyList<PaperRecord> batch)
    {
        int created = 0, changed = 0, unchanged = 0;
        foreach (var record in batch)
        {
            var existing = FindExisting(record);
            var merged = PaperMerge.Apply(existing, record);
            if (existing is not null && existing.Id != merged.Id)
            {
                // A paper known only by title has met its arXiv id: it moves to that id.
                Delete(existing.Id);
                merged = merged with { Id = record.PaperId };
            }

            if (existing is null)
            {
                created++;
            }
            else if (existing.Id == merged.Id && !PaperMerge.Differs(existing, merged))
            {
                unchanged++;
                continue;
            }
            else
            {
                changed++;
            }

            Write(merged);
        }

        SaveSequence();
        return new MergeSummary(created, changed, unchanged);
    }

    public bool Delete(string id)
    {
        using var delete = Command("DELETE FROM papers WHERE id = $key", "$key");
        delete.Parameters[0].Value = id;
        if (delete.ExecuteNonQuery() == 0)
        {
            return false;
        }

        using var tombstone = Command("INSERT INTO paper_tombstones (id, seq) VALUES ($key, $seq) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq", "$key", "$seq");
        tombstone.Parameters[0].Value = id;
        tombstone.Parameters[1].Value = ++_sequence;
        tombstone.ExecuteNonQuery();
        return true;
    }

    public void SaveSequence()
    {
        using var save = Command("UPDATE store_meta SET value = $seq WHERE key = 'change_sequence'", "$seq");
        save.Parameters[0].Value = _sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        save.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _byId.Dispose();
        _byTitleKey.Dispose();
        _upsert.Dispose();
        _revive.Dispose();
    }

    private Paper? FindExisting(PaperRecord record)
    {
        var byId = ReadOne(_byId, record.PaperId);
        if (byId is not null)
        {
            return byId;
        }

        var byTitle = ReadOne(_byTitleKey, TitleKey.Normalise(record.Title));
        // A record with an arXiv id only adopts a title match that has no arXiv id of its own.
        return byTitle is not null && (record.ArxivId is null || !byTitle.HasArxivId) ? byTitle : null;
    }

    private void Write(Paper paper)
    {
        SqlitePaperRows.Bind(_upsert, paper with { Sequence = ++_sequence });
        _upsert.ExecuteNonQuery();
        _revive.Parameters[0].Value = paper.Id;
        _revive.ExecuteNonQuery();
    }

    private static Paper? ReadOne(SqliteCommand command, string key)
    {
        command.Parameters[0].Value = key;
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqlitePaperRows.Read(reader) : null;
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
