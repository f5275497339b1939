using System.Globalization;
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

    private const string SequenceKey = "paperboy.applied-sequence";

    /// <summary>The layout of documents and analyzers; an index of another layout is emptied on open and rebuilt.</summary>
    private const string FormatKey = "paperboy.keyword-format";
    private const string Format = "1";
    private static readonly HashSet<string> _idOnly = [KeywordDocument.Id];
    private static readonly Sort _newestFirst = new(new SortField(KeywordDocument.Day, SortFieldType.INT32, true));

    private readonly string _location;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly KeywordQueryBuilder _queries;

    private KeywordIndex(string location, LuceneDirectory directory)
    {
        _location = location;
        _directory = directory;
        _analyzer = KeywordAnalysis.Create();
        _queries = new KeywordQueryBuilder(_analyzer);
        try
        {
            _writer = OpenWriter(directory, _analyzer, out var reset);
            WasReset = reset;
            _searchers = new SearcherManager(_writer, true, new BM25SearcherFactory());
        }
        catch (Exception e) when (e is IOException or LockObtainFailedException)
        {
            _writer?.Dispose();
            _analyzer.Dispose();
            directory.Dispose();
            throw new KeywordIndexException($"{location}: cannot open the keyword index: {e.Message}", e);
        }

        // After a reset the writer still reports the emptied commit's data until its first commit.
        AppliedSequence = !WasReset && _writer.CommitData.TryGetValue(SequenceKey, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
    }

    internal static BM25Similarity Similarity { get; } = new(K1, B);

    /// <summary>True when the directory held an index of another format, which was emptied to be rebuilt from the store.</summary>
    public bool WasReset { get; }

    /// <summary>The last store change sequence committed to the index; 0 for a new index.</summary>
    public long AppliedSequence { get; private set; }

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

    /// <summary>Opens (creating if needed) the index in <paramref name="directory"/>.</summary>
    public static KeywordIndex Open(string directory)
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

        return new KeywordIndex(location, FSDirectory.Open(location));
    }

    /// <summary>An index held in memory, for tests and benchmarks.</summary>
    public static KeywordIndex InMemory() => new("(in memory)", new RAMDirectory());

    /// <summary>Applies store changes: a written paper replaces its document, a deleted one (null paper) removes it.</summary>
    /// <remarks>Visible to searches on return; durable only after <see cref="Commit"/>, lost if the index is disposed first.</remarks>
    public void Apply(IReadOnlyList<PaperChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var key = new Term(KeywordDocument.Id, change.Id);
            if (change.Paper is null)
            {
                _writer.DeleteDocuments(key);
            }
            else
            {
                _writer.UpdateDocument(key, KeywordDocument.For(change.Paper));
            }
        }

        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Makes everything applied durable, recording that changes up to <paramref name="appliedSequence"/> are in.</summary>
    public void Commit(long appliedSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(appliedSequence, AppliedSequence);
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [SequenceKey] = appliedSequence.ToString(CultureInfo.InvariantCulture),
            [FormatKey] = Format,
        });
        _writer.Commit();
        AppliedSequence = appliedSequence;
    }

    /// <summary>Merges the index into one segment, dropping deleted documents from the BM25 statistics.</summary>
    /// <remarks>After it, scores equal those of an index rebuilt from scratch. Costly: for maintenance, not routine.</remarks>
    public void Compact()
    {
        _writer.ForceMerge(1);
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Up to <paramref name="limit"/> papers for <paramref name="query"/>, best first (equal scores by id).</summary>
    /// <remarks>A query of words alone is scored with MaxScore pruning (<see cref="MaxScoreSearch"/>), exactly as Lucene would.</remarks>
    public IReadOnlyList<KeywordHit> Search(SearchQuery query, int limit) => Search(query, limit, pruned: true);

    /// <summary>The same search with Lucene's own BooleanQuery scoring every posting: the peer the pruned scorer must equal.</summary>
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
            var top = pruned && compiled.WordsOnly is { } words
                ? MaxScoreSearch.Search(searcher, KeywordDocument.Text, words, limit)
                : compiled.Ranked
                    ? searcher.Search(compiled.Query, limit).ScoreDocs
                    : searcher.Search(compiled.Query, limit, _newestFirst).ScoreDocs;
            var hits = new List<KeywordHit>(top.Length);
            var scratch = new BytesRef();
            foreach (var scoreDoc in top)
            {
                var id = IdOf(searcher, scoreDoc.Doc, scratch);
                hits.Add(new KeywordHit(id, compiled.Ranked ? scoreDoc.Score : 0f));
            }

            if (compiled.Ranked)
            {
                // Document numbers differ between an index built in steps and one rebuilt; ids do not.
                hits.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
            }

            return hits;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Those of <paramref name="ids"/> that pass the query's filters, exclusions and phrases (its free words are ignored).</summary>
    /// <remarks>Lets another ranking (the semantic leg) honour what a person asked to restrict; with no restriction every id passes.</remarks>
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
                    admitted.Add(searcher.Doc(scoreDoc.Doc, _idOnly).Get(KeywordDocument.Id));
                }
            }

            return admitted;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Closes the index, discarding changes applied since the last <see cref="Commit"/>.</summary>
    /// <remarks>Discarding keeps the index's contents exactly those of its <see cref="AppliedSequence"/>.</remarks>
    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Rollback();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    public override string ToString() => _location;

    /// <summary>Opens the writer, emptying an index written in another format (reported by <paramref name="reset"/>).</summary>
    private static IndexWriter OpenWriter(LuceneDirectory directory, Analyzer analyzer, out bool reset)
    {
        IndexWriterConfig Config(OpenMode mode) => new(KeywordAnalysis.Version, analyzer) { OpenMode = mode, Similarity = Similarity };

        var writer = new IndexWriter(directory, Config(OpenMode.CREATE_OR_APPEND));
        reset = DirectoryReader.IndexExists(directory) && (!writer.CommitData.TryGetValue(FormatKey, out var format) || format != Format);
        if (!reset)
        {
            return writer;
        }

        writer.Dispose();
        return new IndexWriter(directory, Config(OpenMode.CREATE));
    }

    /// <summary>The paper id of document <paramref name="doc"/>, from its segment's uninverted id terms.</summary>
    /// <remarks>
    /// Reading the stored id instead decompresses a stored-fields chunk per hit: 28 us a hit at 1M papers, about 3 ms for
    /// the top 100. The id terms are uninverted once per segment (Lucene's FieldCache, dropped with the segment), with no
    /// change to the index format.
    /// </remarks>
    private static string IdOf(IndexSearcher searcher, int doc, BytesRef scratch)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, KeywordDocument.Id, false).Get(doc - leaf.DocBase, scratch);
        return scratch.Utf8ToString();
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

/// <summary>The keyword index cannot be opened or written; the message names its directory and the cause.</summary>
public sealed class KeywordIndexException(string message, Exception? inner = null) : Exception(message, inner);
