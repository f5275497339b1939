using Microsoft.Extensions.Logging;
using Paperboy.Demo;
using Paperboy.Ingest;
using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;
using Paperboy.Store;
using Paperboy.Store.Sqlite;

namespace Paperboy.Web.Library;

/// <summary>The state of the store and vector indexes that a cached page was computed from.</summary>
public readonly record struct LibraryVersion(long Changes, long Vectors);

/// <summary>The site's view of one data directory: the store, its keyword and vector indexes, and hybrid search over them.</summary>
/// <remarks>
/// One per process. The indexes are derived from the store and kept up by <see cref="IndexFollower"/>; pages read
/// <see cref="ChangeSequence"/> to know when their cached models are stale.
/// </remarks>
public sealed class PaperLibrary : IDisposable
{
    /// <summary>How many papers' rows <see cref="FindAll"/> keeps (a few kilobytes each).</summary>
    private const int CachedRows = 10_000;

    private readonly Lock _follow = new();
    private readonly PaperRowCache _rows = new(CachedRows);
    private long _changeSequence;
    private string? _keywordDamage;

    /// <summary>Set when a damaged keyword index is emptied, cleared once a catch-up has rebuilt it.</summary>
    private volatile bool _keywordRebuilding;

    private PaperLibrary(string dataDirectory, IPaperStore store, KeywordIndex keyword, IReadOnlyList<SemanticLeg> legs)
    {
        DataDirectory = dataDirectory;
        Store = store;
        Keyword = keyword;
        Legs = legs;
        Search = new HybridSearch(keyword, legs);
        _changeSequence = keyword.AppliedSequence;
    }

    public string DataDirectory { get; }

    public IPaperStore Store { get; }

    public KeywordIndex Keyword { get; }

    /// <summary>One semantic leg per configured embedder; their vector indexes fill as embedding proceeds.</summary>
    public IReadOnlyList<SemanticLeg> Legs { get; }

    public HybridSearch Search { get; }

    /// <summary>The last store change the keyword index has applied: the version that cached page models are keyed by.</summary>
    public long ChangeSequence => Interlocked.Read(ref _changeSequence);

    /// <summary>What derived views depend on: the store changes applied and the vectors loaded; either moving makes them stale.</summary>
    public LibraryVersion Version => new(ChangeSequence, Legs.Sum(leg => leg.Index.AppliedSequence));

    /// <summary>Papers still without a vector, summed over the embedders, as of <see cref="EmbeddingBacklog"/>'s store change; -1 papers until the embedder has counted them.</summary>
    /// <remarks>
    /// The count is taken at the embedder's tick, so papers imported since are not in it until the next: a caller waiting
    /// for every paper to be embedded also waits for the count's change to reach the store's.
    /// </remarks>
    public EmbeddingBacklog EmbeddingBacklog { get; internal set; } = new(-1, -1);

    /// <summary>The file that stands in the data directory while the demo corpus and its vectors load.</summary>
    public const string DemoLoadingMarker = "demo-loading";

    /// <summary>Opens the store of the data directory (importing the demo corpus into an empty one when so configured) and its indexes.</summary>
    public static PaperLibrary Open(PaperboyOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = SqlitePaperStore.Open(options.DataDirectory);
        var legs = new List<SemanticLeg>();
        KeywordIndex? keyword = null;
        try
        {
            // A marker file stands while the demo loads, so that a start killed between the import and the end of the
            // vectors saves the vectors then rather than leaving them to minutes of embedding. The papers are imported
            // into an empty store only: one filled from the command line in the meantime keeps just its own papers.
            var loading = Path.Combine(options.DataDirectory, DemoLoadingMarker);
            var empty = store.Head().Papers == 0;
            if (options.ImportDemoWhenEmpty && (empty || File.Exists(loading)))
            {
                File.WriteAllText(loading, "The demo corpus is being loaded; a start that finds this file saves its vectors again.\n");
                if (empty)
                {
                    var report = new PaperImporter(store, new ImportOptions()).Import([DemoCorpus.Input()]);
                    LibraryLog.DemoImported(logger, options.DataDirectory, report.New);
                }

                // The demo's shipped vectors make semantic search work at once instead of after minutes of embedding.
                DemoCorpus.SeedVectors(store);
                File.Delete(loading);
            }

            keyword = KeywordIndex.Open(KeywordIndex.DirectoryIn(options.DataDirectory));
            if (keyword.Damage is { } damage)
            {
                LibraryLog.KeywordIndexDamaged(logger, KeywordIndex.DirectoryIn(options.DataDirectory), damage);
            }

            // One thread per model run: concurrent searches then each take a core, where ONNX Runtime's own pool
            // of spinning threads made them queue (bench/results/query-embedding.md).
            foreach (var embedder in TextEmbedders.CreateAll(options.Embedders, new OnnxEmbedderOptions { IntraOpThreads = options.ModelThreads, QuantizedQueries = options.QuantizedQueries }))
            {
                legs.Add(new SemanticLeg(embedder, new VectorIndex(EmbeddingPipeline.ModelOf(embedder), VectorIndexOptions.ForDataDirectory(options.DataDirectory))));
            }

            // So that `paperboy search` and `related` beside the server search with the same models by default.
            IndexedEmbedders.Record(options.DataDirectory, legs.Select(leg => leg.Name));
            return new PaperLibrary(options.DataDirectory, store, keyword, legs);
        }
        catch
        {
            DisposeLegs(legs);
            keyword?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>Applies the store's new changes to the keyword index; safe to call from any thread (calls are serialised).</summary>
    /// <remarks>A request that wrote to the store calls this to see its own write at once, rather than after the next follow.</remarks>
    public KeywordFollowSummary CatchUp(CancellationToken cancellation = default)
    {
        lock (_follow)
        {
            var summary = new KeywordIndexFollower(Store, Keyword, committed: Follow).CatchUp(cancellation: cancellation);
            Interlocked.Exchange(ref _changeSequence, Keyword.AppliedSequence);
            _keywordRebuilding = false;
            return summary;
        }
    }

    /// <summary>
    /// True from the moment a damaged keyword index is emptied until a catch-up has rebuilt it from the store: searches
    /// then would see only part of it, so the site answers them with 503 as while the damage was found.
    /// </summary>
    public bool KeywordRebuilding => _keywordRebuilding;

    /// <summary>Notes that the keyword index was found damaged (<see cref="KeywordIndexException.IsDamaged"/>), for the indexer to rebuild it.</summary>
    public void ReportKeywordDamage(string damage) => Interlocked.CompareExchange(ref _keywordDamage, damage, null);

    /// <summary>Empties the keyword index when it was reported damaged, so that catching up rebuilds it from the store.</summary>
    /// <returns>The damage reported, or null when there was none (and nothing was done).</returns>
    public string? ResetDamagedKeywordIndex()
    {
        if (Interlocked.Exchange(ref _keywordDamage, null) is not { } damage)
        {
            return null;
        }

        lock (_follow)
        {
            _keywordRebuilding = true;
            Keyword.Reset();
            Interlocked.Exchange(ref _changeSequence, Keyword.AppliedSequence);
        }

        return damage;
    }

    /// <summary>Merges the keyword index into one segment when it is fragmented (<see cref="KeywordIndex.CompactIfFragmented"/>) and commits the merge.</summary>
    /// <remarks>The merge runs beside searches and catch-ups; only its commit waits for a catch-up in progress, so that it saves whole batches.</remarks>
    /// <returns>The segments merged, or null when the index was compact enough.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the merge ended: nothing was committed, and disposing the library aborts the merge.</exception>
    public int? CompactKeywordIndex(CancellationToken cancellation = default)
    {
        if (Keyword.CompactIfFragmented(cancellation) is not { } merged)
        {
            return null;
        }

        lock (_follow)
        {
            Keyword.Commit(Keyword.AppliedSequence);
        }

        return merged;
    }

    /// <summary>Makes the views that follow the store's changes beside the keyword index see a batch of them.</summary>
    private void Follow(IReadOnlyList<PaperChange> changes)
    {
        _rows.Forget(changes.Select(change => change.Id));
        ForgetDeletedVectors(changes);
    }

    /// <summary>Drops deleted papers' vectors from the semantic legs, which otherwise keep finding them until a restart.</summary>
    /// <remarks>The store drops a deleted paper's vectors with it, but the vector indexes only load what the store adds.</remarks>
    private void ForgetDeletedVectors(IReadOnlyList<PaperChange> changes)
    {
        foreach (var change in changes)
        {
            // A paper stored again since its deletion keeps the vector its new text gets (or has already got).
            if (change.Paper is not null || Store.Find(change.Id) is not null)
            {
                continue;
            }

            foreach (var leg in Legs)
            {
                leg.Index.Remove(change.Id);
            }
        }
    }

    /// <summary>The papers of these ids that the store still holds, in the given order.</summary>
    /// <remarks>
    /// Rows come from a cache of recently read papers (<see cref="PaperRowCache"/>) where they can; a cached row gives way
    /// when the indexer applies a change to its paper, so a list may show a paper as it was for as long as the index lags.
    /// </remarks>
    public IReadOnlyList<Paper> FindAll(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);

        // A hit may name a paper deleted after the index saw it: it is left out rather than shown broken.
        return _rows.FindAll([.. ids], Store.FindMany);
    }

    public void Dispose()
    {
        _rows.Dispose();
        DisposeLegs(Legs);
        Keyword.Dispose();
        Store.Dispose();
    }

    private static void DisposeLegs(IEnumerable<SemanticLeg> legs)
    {
        foreach (var leg in legs)
        {
            leg.Index.Dispose();
            (leg.Embedder as IDisposable)?.Dispose();
        }
    }
}

/// <summary>How many papers had no vector (summed over the embedders) when the store was at change <paramref name="Sequence"/>.</summary>
public sealed record EmbeddingBacklog(long Papers, long Sequence);
