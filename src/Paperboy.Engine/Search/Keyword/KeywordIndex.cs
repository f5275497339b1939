using System.Globalization;
using System.Runtime.CompilerServices;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Paperboy.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Paperboy.Search.Keyword;

/// <summary>One search hit: a paper id and its BM25 score (0 for filter-only queries, which list newest first).</summary>
public readonly record struct KeywordHit(string Id, float Score);

/// <summary>The keyword (BM25) index of titles and abstracts, derived from the store's change feed.</summary>
/// <remarks>
/// Each commit records the last store change it applied, so a restarted process resumes from
/// <see cref="AppliedSequence"/>. Searches see applied changes at once (near-real-time readers), before a commit.
/// Safe for one writer thread and any number of searching threads.
/// </remarks>
public sealed class KeywordIndex : IDisposable
{
    /// <summary>BM25 parameters measured best on SciFact's train split (k1=0.9, b=0.4 with one text field).</summary>
    public const float K1 = 0.9f;

    public const float B = 0.4f;

    /// <summary>The share of documents outside the largest segment, or deleted, from which <see cref="CompactIfFragmented"/> merges.</summary>
    public const double FragmentedShare = 0.1;

    private const string SequenceKey = "paperboy.applied-sequence";

    /// <summary>The layout of documents and analyzers; an index of another layout is emptied on open and rebuilt.</summary>
    private const string FormatKey = "paperboy.keyword-format";
    private const string Format = "1";

    /// <summary>The file whose exclusive lock marks the one writer (Lucene.NET's write.lock does not exclude other processes on Linux).</summary>
    private const string WriterLockFile = "paperboy-writer.lock";
    private static readonly Sort _newestFirst = new(new SortField(KeywordDocument.Day, SortFieldType.INT32, true));

    private readonly string _location;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter? _writer;
    private readonly FileStream? _writerLock;
    private readonly SearcherManager _searchers;
    private readonly KeywordQueryBuilder _queries;

    private KeywordIndex(string location, LuceneDirectory directory, Analyzer analyzer, IndexWriter? writer, FileStream? writerLock, SearcherManager searchers, long appliedSequence, bool wasReset, string? damage = null)
    {
        Damage = damage;
        _writerLock = writerLock;
        _location = location;
        _directory = directory;
        _analyzer = analyzer;
        _writer = writer;
        _searchers = searchers;
        _queries = new KeywordQueryBuilder(analyzer);
        AppliedSequence = appliedSequence;
        WasReset = wasReset;
    }

    internal static BM25Similarity Similarity { get; } = new(K1, B);

    /// <summary>True when the index was emptied on open (asked to, or it held another format or was damaged), to be rebuilt from the store.</summary>
    public bool WasReset { get; }

    /// <summary>Why the index was emptied on open when what was there could not be read (truncated or missing files), else null.</summary>
    public string? Damage { get; }

    /// <summary>The last store change sequence committed to the index; 0 for a new index.</summary>
    public long AppliedSequence { get; private set; }

    /// <summary>True when opened by <see cref="OpenReadOnly"/>: it searches the last commit and cannot apply changes.</summary>
    public bool IsReadOnly => _writer is null;

    /// <summary>The number of papers indexed, applied changes included.</summary>
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>The directory the index lives in under a data directory.</summary>
    public static string DirectoryIn(string dataDirectory) => Path.Combine(dataDirectory, "index", "keyword");

    /// <summary>Opens (creating if needed) the index in <paramref name="directory"/> for writing, holding its write lock.</summary>
    /// <param name="directory">The index directory.</param>
    /// <param name="empty">Start from an empty index (a rebuild); the old files go at the first commit.</param>
    /// <exception cref="KeywordIndexException">The index cannot be opened; <see cref="KeywordIndexException.IsLocked"/> when another writer holds it.</exception>
    public static KeywordIndex Open(string directory, bool empty = false)
    {
        var location = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeywordIndexException($"{location}: cannot create the keyword index directory: {e.Message}", e);
        }

        var writerLock = LockWriter(location);
        try
        {
            try
            {
                return OpenWriting(location, FSDirectory.Open(location), writerLock, empty);
            }
            catch (KeywordIndexException e) when (!e.IsLocked && IsDamage(e.InnerException))
            {
                // The index is derived from the store, so a damaged one is emptied and rebuilt rather than left to stop
                // every start: Lucene reads even the old commit points when creating an index over them.
                RemoveIndexFiles(location, e.InnerException!.Message);
                return OpenWriting(location, FSDirectory.Open(location), writerLock, empty: true, damage: e.InnerException!.Message);
            }
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What Lucene throws for files cut short, missing or not an index: not for a disk or permission error, which
    /// deleting the index would not mend.
    /// </summary>
    private static bool IsDamage(Exception? error) =>
        error is CorruptIndexException or EndOfStreamException or FileNotFoundException or ArgumentException or IndexOutOfRangeException;

    /// <summary>Deletes the index's files, all but the write lock this process holds.</summary>
    private static void RemoveIndexFiles(string location, string damage)
    {
        try
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(location).Where(f => Path.GetFileName(f) != WriterLockFile))
            {
                File.Delete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeywordIndexException($"{location}: the keyword index cannot be read ({damage}) and cannot be emptied to rebuild it: {e.Message}", e);
        }
    }

    /// <summary>Opens the last commit of the index in <paramref name="directory"/> for searching only, without its write lock.</summary>
    /// <remarks>For a process reading beside the one that writes (the CLI beside a running server): it sees that writer's last commit.</remarks>
    /// <exception cref="KeywordIndexException">No index of this format has been committed there, or it cannot be read.</exception>
    public static KeywordIndex OpenReadOnly(string directory)
    {
        var location = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(location))
        {
            throw new KeywordIndexException($"{location}: there is no keyword index here yet; 'paperboy index' (or a running 'paperboy serve') builds it");
        }

        var lucene = FSDirectory.Open(location);
        var analyzer = KeywordAnalysis.Create();
        try
        {
            if (!DirectoryReader.IndexExists(lucene))
            {
                throw new KeywordIndexException($"{location}: no keyword index has been committed here yet; the process building it commits within seconds, try again then");
            }

            var searchers = new SearcherManager(lucene, new BM25SearcherFactory());
            var searcher = searchers.Acquire();
            var data = ((DirectoryReader)searcher.IndexReader).IndexCommit.UserData;
            searchers.Release(searcher);
            if (!data.TryGetValue(FormatKey, out var format) || format != Format)
            {
                searchers.Dispose();
                throw new KeywordIndexException($"{location}: the committed keyword index is of another format (\"{format}\", expected \"{Format}\") and is being rebuilt; try again when that has finished");
            }

            return new KeywordIndex(location, lucene, analyzer, null, null, searchers, SequenceIn(data), wasReset: false);
        }
        catch (Exception e)
        {
            analyzer.Dispose();
            lucene.Dispose();
            if (e is IOException)
            {
                throw new KeywordIndexException($"{location}: cannot read the keyword index: {e.Message}", e);
            }

            throw;
        }
    }

    /// <summary>An index held in memory, for tests and benchmarks.</summary>
    public static KeywordIndex InMemory() => OpenWriting("(in memory)", new RAMDirectory(), null, empty: false);

    /// <summary>Applies store changes: a written paper replaces its document, a deleted one (null paper) removes it.</summary>
    /// <remarks>Visible to searches on return; durable only after <see cref="Commit"/>, lost if the index is disposed first.</remarks>
    public void Apply(IReadOnlyList<PaperChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var writer = Writer;
        foreach (var change in changes)
        {
            var key = new Term(KeywordDocument.Id, change.Id);
            if (change.Paper is null)
            {
                writer.DeleteDocuments(key);
            }
            else
            {
                writer.UpdateDocument(key, KeywordDocument.For(change.Paper));
            }
        }

        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Makes everything applied durable, recording that changes up to <paramref name="appliedSequence"/> are in.</summary>
    public void Commit(long appliedSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(appliedSequence, AppliedSequence);
        Writer.SetCommitData(new Dictionary<string, string>
        {
            [SequenceKey] = appliedSequence.ToString(CultureInfo.InvariantCulture),
            [FormatKey] = Format,
        });
        Writer.Commit();
        AppliedSequence = appliedSequence;
    }

    /// <summary>Merges the index into one segment, dropping deleted documents from the BM25 statistics.</summary>
    /// <remarks>
    /// After it, scores equal those of an index rebuilt from scratch. Costly: for maintenance, not routine.
    /// Cancelling stops the wait, not the merge, which goes on in Lucene's merge thread until it ends or the index is
    /// disposed, which aborts it; so a stopping server need not wait for it (half a minute at a million papers). The index
    /// stays as last committed either way: a merge is saved only by the next <see cref="Commit"/>.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the merge ended.</exception>
    public void Compact(CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var merge = Task.Factory.StartNew(() => Writer.ForceMerge(1), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Task.WaitAny([merge], cancellation);
        }
        catch (OperationCanceledException)
        {
            // Disposing the index aborts the abandoned merge, which then fails as it should: that end is not an error.
            _ = merge.ContinueWith(static ended => ended.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        merge.GetAwaiter().GetResult();
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// Merges the index into one segment (<see cref="Compact"/>) when <see cref="FragmentedShare"/> or more of its documents
    /// lie outside its largest segment or are deleted; returns the segments merged, or null when the index was compact enough.
    /// </summary>
    /// <remarks>
    /// An index that follows a store in batches ends up in about a dozen segments, and a search visits each: at 75k papers
    /// a BM25 top 100 cost a quarter less CPU in one segment than in eleven. Searches and changes go on during the merge
    /// (2.4 s at 75k papers alone, 5.6 s beside the rest of serve's start); segments written meanwhile stay beside the merged one. The merge is saved by the next
    /// <see cref="Commit"/>. Deleted and replaced documents leave the BM25 statistics.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the merge ended (see <see cref="Compact"/>).</exception>
    public int? CompactIfFragmented(CancellationToken cancellation = default)
    {
        var searcher = _searchers.Acquire();
        int segments;
        try
        {
            var reader = searcher.IndexReader;
            segments = reader.Leaves.Count;
            var largest = segments == 0 ? 0 : reader.Leaves.Max(leaf => leaf.AtomicReader.NumDocs);
            if (reader.MaxDoc == 0 || reader.MaxDoc - largest < FragmentedShare * reader.MaxDoc)
            {
                return null;
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }

        Compact(cancellation);
        return segments;
    }

    /// <summary>The segments searches visit now.</summary>
    internal int SegmentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> papers for <paramref name="query"/>, best first (equal scores by id).</summary>
    /// <remarks>
    /// A query of words, with or without filters and exclusions, is scored with MaxScore pruning (<see cref="MaxScoreSearch"/>),
    /// exactly as Lucene would; one of filters or exclusions alone is listed newest first from each segment's day order
    /// (<see cref="NewestFirst"/>), again as Lucene would; phrases leave it to Lucene.
    /// </remarks>
    /// <exception cref="KeywordIndexException">What the index holds cannot be read (damaged since it opened).</exception>
    public IReadOnlyList<KeywordHit> Search(SearchQuery query, int limit) => Search(query, limit, pruned: true);

    /// <summary>The same search with Lucene's own BooleanQuery scoring every posting (or its sort by day): the peer the pruned scorer and the day-order walk must equal.</summary>
    internal IReadOnlyList<KeywordHit> SearchWithLucene(SearchQuery query, int limit) => Search(query, limit, pruned: false);

    private List<KeywordHit> Search(SearchQuery query, int limit, bool pruned)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (_queries.Compile(query) is not { } compiled)
        {
            return [];
        }

        var searcher = _searchers.Acquire();
        try
        {
            return Ranked(searcher, compiled, limit, pruned);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw Unreadable(e);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static List<KeywordHit> Ranked(IndexSearcher searcher, CompiledQuery compiled, int limit, bool pruned)
    {
        var top = (pruned, compiled) switch
        {
            (true, { Words: { } words }) => MaxScoreSearch.Search(searcher, KeywordDocument.Text, words, limit, compiled.Restriction),
            (true, { Ranked: false, Restriction: { } restriction }) => NewestFirst.Search(searcher, restriction, limit),
            (_, { Ranked: true }) => searcher.Search(compiled.Query, limit).ScoreDocs,
            _ => searcher.Search(compiled.Query, limit, _newestFirst).ScoreDocs,
        };
        var hits = new List<KeywordHit>(top.Length);
        var ids = new PaperIds(searcher);
        foreach (var scoreDoc in top)
        {
            var id = ids.Of(scoreDoc.Doc);
            hits.Add(new KeywordHit(id, compiled.Ranked ? scoreDoc.Score : 0f));
        }

        if (compiled.Ranked)
        {
            // Document numbers differ between an index built in steps and one rebuilt; ids do not.
            hits.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        }

        return hits;
    }

    /// <summary>Copies the postings of every word of the index into memory now, instead of at each word's first search.</summary>
    /// <remarks>
    /// Searches of plain words read in-memory copies of the postings (<see cref="MaxScoreSearch"/>), made at a word's
    /// first search otherwise, which at a million papers makes the first searches of common words slower than later ones.
    /// A server does this in the background after each catch-up: segments copied before are skipped at once, so only
    /// new ones (Lucene's flushes and merges) are walked. Each segment's day order, which searches without words walk
    /// (<see cref="NewestFirst"/>), is made here too, for the same reason. Searches may run meanwhile. Returns the words
    /// and postings copied.
    /// </remarks>
    /// <exception cref="KeywordIndexException">What the index holds cannot be read (damaged since it opened).</exception>
    public (int Words, long Postings) CopyPostingsIntoMemory(CancellationToken cancellation = default)
    {
        var searcher = _searchers.Acquire();
        try
        {
            var (words, postings) = (0, 0L);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var (leafWords, leafPostings) = SegmentPostings.Of(leaf.AtomicReader).CopyAll(leaf.AtomicReader, cancellation);
                NewestFirst.Prepare(leaf.AtomicReader);
                words += leafWords;
                postings += leafPostings;
            }

            return (words, postings);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw Unreadable(e);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Those of <paramref name="ids"/> that pass the query's filters, exclusions and phrases (its free words are ignored).</summary>
    /// <remarks>Lets another ranking (the semantic leg) honour what a person asked to restrict; with no restriction every id passes.</remarks>
    /// <exception cref="KeywordIndexException">What the index holds cannot be read (damaged since it opened).</exception>
    public IReadOnlySet<string> Admit(SearchQuery query, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        if (_queries.Compile(query with { Terms = [] }) is not { } restrictions)
        {
            return wanted.ToHashSet(StringComparer.Ordinal);
        }

        var admitted = new HashSet<string>(StringComparer.Ordinal);
        var searcher = _searchers.Acquire();
        try
        {
            var paperIds = new PaperIds(searcher);

            // Chunks stay under Lucene's default limit of 1,024 clauses per boolean query.
            foreach (var chunk in wanted.Chunk(512))
            {
                var anyOf = new BooleanQuery();
                foreach (var id in chunk)
                {
                    anyOf.Add(new TermQuery(new Term(KeywordDocument.Id, id)), Occur.SHOULD);
                }

                var both = new BooleanQuery { { restrictions.Query, Occur.MUST }, { anyOf, Occur.MUST } };
                foreach (var scoreDoc in searcher.Search(both, chunk.Length).ScoreDocs)
                {
                    admitted.Add(paperIds.Of(scoreDoc.Doc));
                }
            }

            return admitted;
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw Unreadable(e);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// True for what reading a damaged index throws: what <see cref="IsDamage"/> names, and Lucene's other read errors
    /// (its <c>IOException</c>s, such as a corrupt file).
    /// </summary>
    private static bool IsReadFailure(Exception error) => IsDamage(error) || error is IOException;

    /// <summary>Empties the index and commits it at store change 0, so that the next catch-up rebuilds it from the whole store.</summary>
    /// <remarks>
    /// For an index found damaged while open (<see cref="KeywordIndexException.IsDamaged"/>): Lucene drops its segments
    /// without reading them, and deletes their files once no search holds them.
    /// </remarks>
    public void Reset()
    {
        Writer.DeleteAll();
        Writer.SetCommitData(new Dictionary<string, string> { [SequenceKey] = "0", [FormatKey] = Format });
        Writer.Commit();
        AppliedSequence = 0;
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>A search found the index damaged (a file changed or cut short since it opened): the message says how to mend it.</summary>
    private KeywordIndexException Unreadable(Exception error) => new(
        $"{_location}: the keyword index cannot be read ({error.Message}); 'paperboy index --rebuild' rebuilds it from the store, and a running 'paperboy serve' does so by itself",
        error,
        isDamaged: true);

    /// <summary>Closes the index, discarding changes applied since the last <see cref="Commit"/>.</summary>
    /// <remarks>Discarding keeps the index's contents exactly those of its <see cref="AppliedSequence"/>.</remarks>
    public void Dispose()
    {
        _searchers.Dispose();
        _writer?.Rollback();
        _analyzer.Dispose();
        _directory.Dispose();
        _writerLock?.Dispose();
    }

    public override string ToString() => _location;

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException($"{_location}: the keyword index was opened read-only and cannot apply changes");

    /// <summary>Takes the exclusive writer lock of the index in <paramref name="location"/>, held until the index is disposed.</summary>
    private static FileStream LockWriter(string location)
    {
        var path = Path.Combine(location, WriterLockFile);
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing denial on Windows: both exclude other processes.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new KeywordIndexException(
                $"{location}: another process holds the keyword index for writing (a running 'paperboy serve' or 'paperboy index'): {e.Message}", e, isLocked: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KeywordIndexException($"{location}: cannot write the keyword index's lock file {path}: {e.Message}", e);
        }
    }

    private static KeywordIndex OpenWriting(string location, LuceneDirectory directory, FileStream? writerLock, bool empty, string? damage = null)
    {
        var analyzer = KeywordAnalysis.Create();
        IndexWriter? writer = null;
        try
        {
            writer = OpenWriter(directory, analyzer, empty, out var reset);
            var searchers = new SearcherManager(writer, true, new BM25SearcherFactory());

            // After a reset the writer still reports the emptied commit's data until its first commit.
            return new KeywordIndex(location, directory, analyzer, writer, writerLock, searchers, reset ? 0 : SequenceIn(writer.CommitData), reset, damage);
        }
        catch (Exception e) when (e is IOException or LockObtainFailedException or ArgumentException or IndexOutOfRangeException)
        {
            // Lucene reports a truncated file as an IOException ("read past EOF") or, for some files, an argument or index error.
            writer?.Dispose();
            analyzer.Dispose();
            directory.Dispose();
            throw new KeywordIndexException($"{location}: cannot open the keyword index: {e.Message}", e, isLocked: e is LockObtainFailedException);
        }
    }

    private static long SequenceIn(IDictionary<string, string> commitData) =>
        commitData.TryGetValue(SequenceKey, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;

    /// <summary>Opens the writer, emptying an index written in another format (reported by <paramref name="reset"/>) or when asked to.</summary>
    private static IndexWriter OpenWriter(LuceneDirectory directory, Analyzer analyzer, bool empty, out bool reset)
    {
        IndexWriterConfig Config(OpenMode mode) => new(KeywordAnalysis.Version, analyzer) { OpenMode = mode, Similarity = Similarity };

        if (empty)
        {
            reset = true;
            return new IndexWriter(directory, Config(OpenMode.CREATE));
        }

        var writer = new IndexWriter(directory, Config(OpenMode.CREATE_OR_APPEND));
        reset = DirectoryReader.IndexExists(directory) && (!writer.CommitData.TryGetValue(FormatKey, out var format) || format != Format);
        if (!reset)
        {
            return writer;
        }

        writer.Dispose();
        return new IndexWriter(directory, Config(OpenMode.CREATE));
    }

    /// <summary>The paper ids of one searcher's documents, from each segment's uninverted id terms.</summary>
    /// <remarks>
    /// Reading the stored id instead decompresses a stored-fields chunk per hit: 28 us a hit at 1M papers, about 3 ms for
    /// the top 100. The id terms are uninverted once per segment (Lucene's FieldCache, dropped with the segment), with no
    /// change to the index format. Each segment's terms are fetched from the cache at their first hit, not at every hit
    /// (the cache's lookup cost a tenth of a top-100 keyword search). An id once read is kept with its segment (a
    /// reference a document, filled as documents come up in searches), so that the documents searches keep returning are
    /// not decoded into new strings each time: decoding was about 1.5% of a hybrid search's CPU.
    /// </remarks>
    private sealed class PaperIds(IndexSearcher searcher)
    {
        private static readonly ConditionalWeakTable<object, string?[]> _decoded = [];

        private readonly IList<AtomicReaderContext> _leaves = searcher.IndexReader.Leaves;
        private readonly BinaryDocValues?[] _ids = new BinaryDocValues?[searcher.IndexReader.Leaves.Count];
        private readonly string?[]?[] _known = new string?[]?[searcher.IndexReader.Leaves.Count];
        private readonly BytesRef _scratch = new();

        public string Of(int doc)
        {
            var index = ReaderUtil.SubIndex(doc, _leaves);
            var leaf = _leaves[index];
            var local = doc - leaf.DocBase;
            var known = _known[index] ??= _decoded.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new string?[leaf.AtomicReader.MaxDoc]);
            if (known[local] is { } id)
            {
                return id;
            }

            // Racing searches may each decode the same id; every copy is equal, and whichever is kept serves later ones.
            (_ids[index] ??= FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, KeywordDocument.Id, false)).Get(local, _scratch);
            return known[local] = _scratch.Utf8ToString();
        }
    }

    /// <summary>Gives every searcher the index's BM25 parameters (Lucene's default similarity is not BM25 in 4.8).</summary>
    /// <remarks>It also uninverts the ids of new segments, so that no search pays for it (a second or two at 1M papers).</remarks>
    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, KeywordDocument.Id, false);
            }

            return new IndexSearcher(reader) { Similarity = Similarity };
        }
    }
}

/// <summary>The keyword index cannot be opened, read or written; the message names its directory and the cause.</summary>
public sealed class KeywordIndexException(string message, Exception? inner = null, bool isLocked = false, bool isDamaged = false, bool isRebuilding = false)
    : Exception(message, inner)
{
    /// <summary>True when the index could not be opened for writing because another writer holds it.</summary>
    public bool IsLocked { get; } = isLocked;

    /// <summary>True when what an open index holds could not be read (damaged since it opened): <see cref="KeywordIndex.Reset"/> and a catch-up rebuild it.</summary>
    public bool IsDamaged { get; } = isDamaged;

    /// <summary>True when the index is being rebuilt after damage, so that a search would see only part of it.</summary>
    public bool IsRebuilding { get; } = isRebuilding;
}
