using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Paperboy.Store.Sqlite;

/// <summary>Reads and writes the <c>paper_embeddings</c> table: vectors as little-endian float32 blobs.</summary>
internal static class SqliteEmbeddings
{
    public static void Save(SqliteConnection connection, EmbeddingModel model, IReadOnlyList<PaperEmbedding> embeddings)
    {
        using var transaction = connection.BeginTransaction();
        var sequence = ReadSequence(connection, transaction);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO paper_embeddings (paper_id, model, model_version, dimension, vector, text_hash, paper_seq, seq)
            SELECT $id, $model, $version, $dimension, $vector, $hash, $paperSeq, $seq WHERE EXISTS (SELECT 1 FROM papers WHERE id = $id)
            ON CONFLICT (model, paper_id) DO UPDATE SET
                model_version = excluded.model_version, dimension = excluded.dimension, vector = excluded.vector,
                text_hash = excluded.text_hash, paper_seq = excluded.paper_seq, seq = excluded.seq
            """;
        insert.Parameters.AddWithValue("$model", model.Name);
        insert.Parameters.AddWithValue("$version", model.Version);
        insert.Parameters.AddWithValue("$dimension", model.Dimension);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        var paperSeq = insert.Parameters.Add("$paperSeq", SqliteType.Integer);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        foreach (var embedding in embeddings)
        {
            if (embedding.Vector.Length != model.Dimension)
            {
                throw new ArgumentException(
                    $"the vector of paper {embedding.PaperId} has {embedding.Vector.Length} dimensions; model {model.Name} has {model.Dimension}.",
                    nameof(embeddings));
            }

            id.Value = embedding.PaperId;
            vector.Value = MemoryMarshal.AsBytes(embedding.Vector.AsSpan()).ToArray();
            hash.Value = embedding.TextHash;
            paperSeq.Value = embedding.PaperSequence;
            seq.Value = sequence + 1;
            if (insert.ExecuteNonQuery() > 0)
            {
                sequence++;
            }
        }

        using var save = connection.CreateCommand();
        save.Transaction = transaction;
        save.CommandText = "UPDATE store_meta SET value = $seq WHERE key = 'embedding_sequence'";
        save.Parameters.AddWithValue("$seq", sequence.ToString(CultureInfo.InvariantCulture));
        save.ExecuteNonQuery();
        transaction.Commit();
    }

    public static void Confirm(SqliteConnection connection, EmbeddingModel model, IReadOnlyList<(string PaperId, long PaperSequence)> papers)
    {
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE paper_embeddings SET paper_seq = max(paper_seq, $paperSeq)
            WHERE model = $model AND paper_id = $id AND model_version = $version AND dimension = $dimension
            """;
        update.Parameters.AddWithValue("$model", model.Name);
        update.Parameters.AddWithValue("$version", model.Version);
        update.Parameters.AddWithValue("$dimension", model.Dimension);
        var id = update.Parameters.Add("$id", SqliteType.Text);
        var paperSeq = update.Parameters.Add("$paperSeq", SqliteType.Integer);
        foreach (var paper in papers)
        {
            id.Value = paper.PaperId;
            paperSeq.Value = paper.PaperSequence;
            update.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static List<EmbeddingCandidate> Missing(SqliteConnection connection, EmbeddingModel model, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqlitePaperRows.PrefixedColumns("p")},
                   CASE WHEN e.model_version = $version AND e.dimension = $dimension THEN e.text_hash END
            FROM papers p LEFT JOIN paper_embeddings e ON e.model = $model AND e.paper_id = p.id
            WHERE e.paper_id IS NULL OR e.model_version <> $version OR e.dimension <> $dimension OR e.paper_seq < p.seq
            ORDER BY p.seq LIMIT $limit
            """;
        AddModel(command, model);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var candidates = new List<EmbeddingCandidate>();
        while (reader.Read())
        {
            var stored = reader.IsDBNull(SqlitePaperRows.ColumnCount) ? null : reader.GetString(SqlitePaperRows.ColumnCount);
            candidates.Add(new EmbeddingCandidate(SqlitePaperRows.Read(reader), stored));
        }

        return candidates;
    }

    public static IEnumerable<StoredEmbedding> Load(SqliteConnection connection, EmbeddingModel model, long afterSequence)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT paper_id, seq, vector, text_hash FROM paper_embeddings
            WHERE model = $model AND model_version = $version AND dimension = $dimension AND seq > $after
            ORDER BY seq
            """;
        AddModel(command, model);
        command.Parameters.AddWithValue("$after", afterSequence);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var bytes = (byte[])reader.GetValue(2);
            yield return new StoredEmbedding(reader.GetString(0), reader.GetInt64(1), MemoryMarshal.Cast<byte, float>(bytes).ToArray(), reader.GetString(3));
        }
    }

    public static long Count(SqliteConnection connection, EmbeddingModel model)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM paper_embeddings WHERE model = $model AND model_version = $version AND dimension = $dimension";
        AddModel(command, model);
        return (long)command.ExecuteScalar()!;
    }

    private static void AddModel(SqliteCommand command, EmbeddingModel model)
    {
        command.Parameters.AddWithValue("$model", model.Name);
        command.Parameters.AddWithValue("$version", model.Version);
        command.Parameters.AddWithValue("$dimension", model.Dimension);
    }

    private static long ReadSequence(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM store_meta WHERE key = 'embedding_sequence'";
        return long.Parse((string)command.ExecuteScalar()!, CultureInfo.InvariantCulture);
    }
}
