using System.CommandLine;
using Paperboy.Cli.Terminal;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;
using Paperboy.Store;

namespace Paperboy.Cli.Commands;

/// <summary>The store of a data directory with its keyword index caught up and the vector indexes of its embedders loaded.</summary>
internal sealed class SearchIndexes : IDisposable
{
    private readonly string _dataDirectory;

    private SearchIndexes(string dataDirectory, IPaperStore store, KeywordIndex keyword)
    {
        _dataDirectory = dataDirectory;
        Store = store;
        Keyword = keyword;
    }

    public IPaperStore Store { get; }

    public KeywordIndex Keyword { get; }

    public List<SemanticLeg> Legs { get; } = [];

    /// <summary><c>--embedder</c>: one name, several separated by commas, or <c>none</c>.</summary>
    public static Option<string?> EmbedderOption(string description) => new("--embedder") { Description = description, HelpName = "NAME[,NAME]" };

    /// <summary>A line on standard error every few seconds while the keyword index catches up (16 s at 75k new papers).</summary>
    public static IProgress<KeywordFollowProgress> KeywordProgress() => new LogLineProgress<KeywordFollowProgress>(
        value => $"keyword index: {value.Applied:N0} changes applied, at store change {value.Sequence:N0} of {value.Latest:N0}",
        value => value.Sequence >= value.Latest);

    /// <summary>Opens the store and keyword index of <c>--data</c> (optionally emptying the index first) and catches the index up.</summary>
    /// <exception cref="KeywordIndexException">The index cannot be opened; <see cref="KeywordIndexException.IsLocked"/> when another process (a running server) writes it.</exception>
    public static SearchIndexes Open(ParseResult parsed, bool rebuild = false, IProgress<KeywordFollowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var data = parsed.GetValue(PaperboyCommandLine.DataDirectory)!;
        var store = PaperboyCommandLine.OpenExistingStore(parsed);
        KeywordIndex? keyword = null;
        try
        {
            // Emptied by the writer rather than deleted here, so that an index another process holds is left alone.
            keyword = KeywordIndex.Open(KeywordIndex.DirectoryIn(data), empty: rebuild);
            var indexes = new SearchIndexes(data, store, keyword);
            if (indexes.Keyword.Damage is { } damage)
            {
                Console.Error.WriteLine($"paperboy: the keyword index could not be read ({damage}); it was emptied and is rebuilt from the store");
            }

            indexes.FollowSummary = new KeywordIndexFollower(store, indexes.Keyword).CatchUp(progress, cancellation);
            return indexes;
        }
        catch (Exception e)
        {
            if (e is OperationCanceledException && keyword is not null)
            {
                Console.Error.WriteLine($"keyword index: interrupted at store change {keyword.AppliedSequence:N0}; the batches committed so far are kept, and the next run goes on from there");
            }

            keyword?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// As <see cref="Open"/> for commands that only search; when another process (a running server) holds the keyword
    /// index, searches its last commit instead, read-only and not caught up, and says so on standard error.
    /// </summary>
    public static SearchIndexes OpenForSearching(ParseResult parsed, CancellationToken cancellation)
    {
        try
        {
            return Open(parsed, progress: KeywordProgress(), cancellation: cancellation);
        }
        catch (KeywordIndexException e) when (e.IsLocked)
        {
            var data = parsed.GetValue(PaperboyCommandLine.DataDirectory)!;
            var store = PaperboyCommandLine.OpenExistingStore(parsed);
            try
            {
                var indexes = new SearchIndexes(data, store, KeywordIndex.OpenReadOnly(KeywordIndex.DirectoryIn(data)));
                Console.Error.WriteLine(
                    $"paperboy: another process (a running 'paperboy serve'?) keeps the keyword index of {Path.GetFullPath(data)} up to date; " +
                    $"searching it as that process last committed it (store change {indexes.Keyword.AppliedSequence:N0})");
                return indexes;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }
    }

    /// <summary>What the keyword catch-up on open did.</summary>
    public KeywordFollowSummary FollowSummary { get; private set; } = new(0, 0, 0);

    /// <summary>The embedders <c>paperboy index</c> or <c>serve</c> last recorded for this data directory; none before the first.</summary>
    public static string RecordedEmbedders(ParseResult parsed) => IndexedEmbedders.Read(parsed.GetValue(PaperboyCommandLine.DataDirectory)!);

    /// <summary>Records the embedders used, so that <c>search</c> and <c>related</c> use them by default.</summary>
    public static void RecordEmbedders(ParseResult parsed, IEnumerable<ITextEmbedder> embedders) =>
        IndexedEmbedders.Record(parsed.GetValue(PaperboyCommandLine.DataDirectory)!, embedders.Select(e => e.Name));

    /// <summary>Adds a semantic leg per embedder, its vectors loaded from the store.</summary>
    public void LoadLegs(IEnumerable<ITextEmbedder> embedders)
    {
        foreach (var embedder in embedders)
        {
            Legs.Add(new SemanticLeg(embedder, VectorIndex.Load(Store, EmbeddingPipeline.ModelOf(embedder), VectorIndexOptions.ForDataDirectory(_dataDirectory))));
        }
    }

    public HybridSearch Search(FusionOptions? fusion = null) => new(Keyword, Legs, fusion);

    public void Dispose()
    {
        foreach (var leg in Legs)
        {
            leg.Index.Dispose();
            (leg.Embedder as IDisposable)?.Dispose();
        }

        Keyword.Dispose();
        Store.Dispose();
    }
}
