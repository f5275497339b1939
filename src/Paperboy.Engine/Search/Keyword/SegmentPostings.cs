using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>The text field of one Lucene segment as the pruned search reads it: postings copied into memory, and length classes.</summary>
/// <remarks>
/// Segments never change, so their copies are shared by every reader of the segment and dropped with it (keyed by the
/// segment's core). A word's postings are copied the first time a query asks for them, so a one-off search copies only
/// its own words, and a server copies the whole field (about a byte a posting for common words).
/// </remarks>
internal sealed class SegmentPostings
{
    private static readonly ConditionalWeakTable<object, SegmentPostings> _segments = [];

    /// <summary>How many words found absent from the segment are remembered as absent.</summary>
    private const int MaxAbsentWords = 100_000;

    private readonly ConcurrentDictionary<string, PostingBlocks?> _words = new(StringComparer.Ordinal);
    private int _absentWords;
    private volatile bool _complete;

    private SegmentPostings(AtomicReader reader)
    {
        var norms = reader.GetNormValues(KeywordDocument.Text);
        var classOfNorm = new int[256];
        Array.Fill(classOfNorm, -1);
        var representatives = new List<int>();
        LengthClasses = new byte[reader.MaxDoc];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            var norm = norms is null ? 0 : (byte)norms.Get(doc);
            if (classOfNorm[norm] < 0)
            {
                classOfNorm[norm] = representatives.Count;
                representatives.Add(doc);
            }

            LengthClasses[doc] = (byte)classOfNorm[norm];
        }

        Representatives = [.. representatives];
    }

    /// <summary>Per document, the class of its length norm: documents of one class get equal BM25 shares at equal frequency.</summary>
    public byte[] LengthClasses { get; }

    /// <summary>Per length class, one document of that class, through which Lucene's own scorer prices the whole class.</summary>
    public int[] Representatives { get; }

    /// <summary>The copy of the segment that <paramref name="reader"/> reads.</summary>
    public static SegmentPostings Of(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => new SegmentPostings(reader));

    /// <summary>The postings of <paramref name="term"/> in the text field, copied from <paramref name="reader"/> on first use; null when absent.</summary>
    /// <remarks>
    /// Racing first uses may each copy; one copy wins. A failed copy (a closed reader) is not remembered. Absence is
    /// remembered too, so that later queries skip Lucene's terms dictionary, but only for so many words: random text
    /// must not grow the cache without end.
    /// </remarks>
    public PostingBlocks? Word(AtomicReader reader, string term)
    {
        if (_words.TryGetValue(term, out var known))
        {
            return known;
        }

        var postings = Read(reader, term);
        if (postings is not null || Interlocked.Increment(ref _absentWords) <= MaxAbsentWords)
        {
            _words.TryAdd(term, postings);
        }

        return postings;
    }

    /// <summary>Copies every word of the text field not copied yet; returns how many words and postings it copied.</summary>
    /// <remarks>Once a walk has finished, later calls return at once: the segment never changes.</remarks>
    public (int Words, long Postings) CopyAll(AtomicReader reader, CancellationToken cancellation)
    {
        if (_complete)
        {
            return (0, 0);
        }

        var (words, postings) = (0, 0L);
        var terms = reader.GetTerms(KeywordDocument.Text)?.GetEnumerator();
        while (terms is not null && terms.MoveNext() && !cancellation.IsCancellationRequested)
        {
            var term = terms.Term.Utf8ToString();
            if (!_words.ContainsKey(term) && terms.Docs(null, null, DocsFlags.FREQS) is { } docs
                && PostingBlocks.Read(docs, terms.DocFreq, reader.MaxDoc) is { } copied && _words.TryAdd(term, copied))
            {
                words++;
                postings += copied.Count;
            }
        }

        _complete = !cancellation.IsCancellationRequested;
        return (words, postings);
    }

    private static PostingBlocks? Read(AtomicReader reader, string term)
    {
        var terms = reader.GetTerms(KeywordDocument.Text)?.GetEnumerator();
        if (terms is null || !terms.SeekExact(new BytesRef(term)))
        {
            return null;
        }

        var docs = terms.Docs(null, null, DocsFlags.FREQS);
        return docs is null ? null : PostingBlocks.Read(docs, terms.DocFreq, reader.MaxDoc);
    }
}
