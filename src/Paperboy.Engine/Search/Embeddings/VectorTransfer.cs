using Paperboy.Store;

namespace Paperboy.Search.Embeddings;

/// <summary>What loading a vector file into a store did.</summary>
/// <param name="Model">The model the file's vectors belong to.</param>
/// <param name="Saved">Vectors saved: the paper is in the store and its text is the one the vector was computed from.</param>
/// <param name="UnknownPapers">Vectors of papers this store does not hold.</param>
/// <param name="ChangedTexts">Vectors of papers whose title or abstract has changed since; they will be embedded afresh.</param>
public sealed record VectorImportSummary(EmbeddingModel Model, int Saved, int UnknownPapers, int ChangedTexts);

/// <summary>Moves a model's vectors between a store and a <see cref="VectorFile"/>.</summary>
public static class VectorTransfer
{
    private const int BatchSize = 500;

    /// <summary>Writes every stored vector of <paramref name="model"/> to <paramref name="output"/>; returns how many.</summary>
    public static int Export(IPaperStore store, EmbeddingModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(store);
        var count = checked((int)store.CountEmbeddings(model));
        var entries = store.LoadEmbeddings(model).Select(e => new VectorFileEntry(e.PaperId, e.TextHash, e.Vector));
        VectorFile.Write(output, model, count, entries);
        return count;
    }

    /// <summary>Saves the file's vectors whose paper is in the store with the same text; the rest are counted, not saved.</summary>
    /// <exception cref="Ingest.InputException">The file is not a vector file or is damaged; batches saved before stay saved.</exception>
    public static VectorImportSummary Import(IPaperStore store, Stream input, string origin)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var file = VectorFile.Read(input, origin);
        int saved = 0, unknown = 0, changed = 0;
        var batch = new List<PaperEmbedding>(BatchSize);
        foreach (var entry in file.Entries())
        {
            var paper = store.Find(entry.PaperId);
            if (paper is null)
            {
                unknown++;
                continue;
            }

            if (EmbeddingText.Hash(paper) != entry.TextHash)
            {
                changed++;
                continue;
            }

            batch.Add(new PaperEmbedding(paper.Id, paper.Sequence, entry.TextHash, entry.Vector));
            if (batch.Count == BatchSize)
            {
                store.SaveEmbeddings(file.Model, batch);
                saved += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            store.SaveEmbeddings(file.Model, batch);
            saved += batch.Count;
        }

        return new VectorImportSummary(file.Model, saved, unknown, changed);
    }
}
