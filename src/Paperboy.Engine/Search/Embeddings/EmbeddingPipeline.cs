using System.Diagnostics;
using Paperboy.Store;

namespace Paperboy.Search.Embeddings;

/// <summary>How far an embedding run has got.</summary>
/// <param name="Embedded">Papers embedded so far in this run.</param>
/// <param name="Confirmed">Changed papers whose text was unchanged, so whose stored vector was kept.</param>
/// <param name="Remaining">About how many papers are still without a vector of this model.</param>
/// <param name="PapersPerSecond">Embedding throughput of this run so far.</param>
/// <param name="Eta">The time left at that throughput; null before the first batch.</param>
public sealed record EmbeddingProgress(long Embedded, long Confirmed, long Remaining, double PapersPerSecond, TimeSpan? Eta);

/// <summary>What an embedding run did; a cancelled run kept every batch it finished.</summary>
public sealed record EmbeddingRunSummary(long Embedded, long Confirmed, TimeSpan Elapsed, bool Cancelled);

/// <summary>Embeds the store's papers that lack a vector of one model (or changed since), writing vectors back batch by batch.</summary>
/// <remarks>
/// Resumable by construction: the store's list of papers missing vectors is the only bookmark, and each batch is
/// saved in its own transaction, so a cancellation or crash loses at most the batch being embedded. Within a window
/// of candidates, papers are embedded shortest first so that each batch pads its texts to similar lengths.
/// </remarks>
public sealed class EmbeddingPipeline
{
    public const int DefaultBatchSize = 16;

    private readonly IPaperStore _store;
    private readonly ITextEmbedder _embedder;
    private readonly int _batchSize;
    private readonly int _window;

    public EmbeddingPipeline(IPaperStore store, ITextEmbedder embedder, int batchSize = DefaultBatchSize, int batchesPerWindow = 32)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchesPerWindow);
        (_store, _embedder, _batchSize, _window) = (store, embedder, batchSize, batchSize * batchesPerWindow);
        Model = ModelOf(embedder);
    }

    /// <summary>The model whose vectors this pipeline writes.</summary>
    public EmbeddingModel Model { get; }

    /// <summary>The store's name for the vectors of <paramref name="embedder"/>.</summary>
    public static EmbeddingModel ModelOf(ITextEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return new EmbeddingModel(embedder.Name, embedder.Version, embedder.Dimension);
    }

    /// <summary>Embeds until no paper is missing a vector, or until cancelled (which returns, rather than throws).</summary>
    public EmbeddingRunSummary Run(IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var remaining = Math.Max(0, _store.Head().Papers - _store.CountEmbeddings(Model));
        long embedded = 0, confirmed = 0;
        while (!cancellation.IsCancellationRequested)
        {
            var candidates = _store.PapersMissingEmbeddings(Model, _window);
            if (candidates.Count == 0)
            {
                break;
            }

            var unchanged = new List<(string PaperId, long PaperSequence)>();
            var work = new List<(EmbeddingCandidate Candidate, string Text, string Hash)>();
            foreach (var candidate in candidates)
            {
                var text = EmbeddingText.For(candidate.Paper);
                var hash = EmbeddingText.Hash(text);
                if (hash == candidate.StoredTextHash)
                {
                    unchanged.Add((candidate.Paper.Id, candidate.Paper.Sequence));
                }
                else
                {
                    work.Add((candidate, text, hash));
                }
            }

            _store.ConfirmEmbeddings(Model, unchanged);
            confirmed += unchanged.Count;
            foreach (var batch in work.OrderBy(w => w.Text.Length).Chunk(_batchSize))
            {
                if (cancellation.IsCancellationRequested)
                {
                    break;
                }

                var vectors = _embedder.EmbedDocuments(batch.Select(w => w.Text).ToArray());
                _store.SaveEmbeddings(Model, batch.Select((w, i) => new PaperEmbedding(w.Candidate.Paper.Id, w.Candidate.Paper.Sequence, w.Hash, vectors[i])).ToList());
                embedded += batch.Length;
                remaining = Math.Max(0, remaining - batch.Length);
                progress?.Report(Progress(embedded, confirmed, remaining, clock.Elapsed));
            }
        }

        return new EmbeddingRunSummary(embedded, confirmed, clock.Elapsed, cancellation.IsCancellationRequested);
    }

    private static EmbeddingProgress Progress(long embedded, long confirmed, long remaining, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? embedded / elapsed.TotalSeconds : 0;
        return new EmbeddingProgress(embedded, confirmed, remaining, rate, rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : null);
    }
}
