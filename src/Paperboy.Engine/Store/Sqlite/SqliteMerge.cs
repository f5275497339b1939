using Microsoft.Data.Sqlite;
using Paperboy.Papers;

namespace Paperboy.Store.Sqlite;

/// <summary>A merge on one connection: a transaction opens at the first batch after each commit.</summary>
internal sealed class SqliteMerge(SqliteConnection connection) : IPaperMerge
{
    private SqliteTransaction? _transaction;
    private SqliteMergeWriter? _writer;

    public MergeSummary Merge(IReadOnlyList<PaperRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return MergeSummary.Empty;
        }

        if (_transaction is null)
        {
            _transaction = connection.BeginTransaction();
            _writer = new SqliteMergeWriter(connection, _transaction);
        }

        return _writer!.MergeAll(batch);
    }

    public void Commit()
    {
        _transaction?.Commit();
        EndTransaction();
    }

    public void Dispose()
    {
        EndTransaction();
        connection.Dispose();
    }

    private void EndTransaction()
    {
        _writer?.Dispose();
        _transaction?.Dispose();
        _writer = null;
        _transaction = null;
    }
}
