using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SimWeight = Lucene.Net.Search.Similarities.Similarity.SimWeight;

namespace Paperboy.Search.Keyword;

/// <summary>The top documents of a disjunction of weighted words under BM25, found with MaxScore pruning over in-memory postings.</summary>
/// <remarks>
/// Lucene.NET 4.8 scores every posting of every word, through several virtual calls each; at a million papers that is
/// tens of milliseconds a query. Here each segment's postings are copied into memory once (<see cref="SegmentPostings"/>)
/// and scanned a window of documents at a time, as Lucene's BooleanScorer does: each word adds its shares into the
/// window's sums, then the window's documents are offered in order. MaxScore (Turtle and Flood, 1995) prunes: once the
/// k-th best score exceeds the sum of the smallest bounds, documents holding only those words cannot enter, so those
/// words are no longer walked, only looked up, by skipping, for documents the other words bring, and only while the
/// document can still enter.
/// The result is exactly Lucene's BooleanQuery of SHOULD TermQuerys (each boosted by its count): each word's share is
/// priced by Lucene's own scorer (<see cref="WordShares"/>), a score is the shares summed in double (exact in any order
/// for so few floats of like size, so equal to Lucene's), and ties at the last place go, as in Lucene's collector, to
/// the lower document number.
/// </remarks>
internal static class MaxScoreSearch
{
    /// <summary>Documents per window: the window's sums (a double each) stay in the first-level cache.</summary>
    private const int WindowSize = 4096;

    /// <summary>Absolute headroom on every pruning decision, far above the rounding of sums in double.</summary>
    private const double Slack = 1e-7;

    /// <summary>Up to <paramref name="limit"/> documents by score (equal scores by document number), as Lucene's IndexSearcher.Search returns them.</summary>
    public static ScoreDoc[] Search(IndexSearcher searcher, string field, IReadOnlyList<WeightedTerm> words, int limit)
    {
        var reader = searcher.IndexReader;
        limit = Math.Min(limit, reader.MaxDoc);
        if (limit <= 0)
        {
            return [];
        }

        // Each word's postings in each segment, which also give its statistics, without Lucene's terms dictionary.
        var leaves = reader.Leaves;
        var segments = leaves.Select(leaf => SegmentPostings.Of(leaf.AtomicReader)).ToArray();
        var postings = new PostingBlocks?[leaves.Count, words.Count];
        var weights = new SimWeight?[words.Count];
        var collection = searcher.CollectionStatistics(field);
        for (var w = 0; w < words.Count; w++)
        {
            var (docFreq, totalFreq) = (0L, 0L);
            for (var l = 0; l < leaves.Count; l++)
            {
                if (segments[l].Word(leaves[l].AtomicReader, words[w].Term) is { } found)
                {
                    postings[l, w] = found;
                    docFreq += found.Count;
                    totalFreq += found.TotalFreq;
                }
            }

            if (docFreq > 0)
            {
                // As TermQuery's weight under IndexSearcher.CreateNormalizedWeight: BM25 ignores the query norm.
                var statistics = new TermStatistics(new BytesRef(words[w].Term), docFreq, totalFreq);
                weights[w] = KeywordIndex.Similarity.ComputeWeight(words[w].Count, collection, statistics);
                weights[w]!.Normalize(1f, 1f);
            }
        }

        var top = new TopScoringDocs(limit);
        var window = new Window();
        for (var l = 0; l < leaves.Count; l++)
        {
            if (Cursors(leaves[l], segments[l], postings, l, weights) is { Count: > 0 } cursors)
            {
                new SegmentScan(cursors, leaves[l], segments[l].LengthClasses, top, window).Run();
            }
        }

        return top.Results();
    }

    /// <summary>The cursors of the words present in segment <paramref name="l"/>, smallest bound first.</summary>
    private static List<PostingCursor> Cursors(AtomicReaderContext leaf, SegmentPostings segment, PostingBlocks?[,] postings, int l, SimWeight?[] weights)
    {
        var cursors = new List<PostingCursor>(weights.Length);
        for (var w = 0; w < weights.Length; w++)
        {
            if (weights[w] is { } weight && postings[l, w] is { } blocks)
            {
                var scorer = KeywordIndex.Similarity.GetSimScorer(weight, leaf);
                cursors.Add(new PostingCursor(blocks, new WordShares(scorer, segment.Representatives, blocks.MaxFreq, w)));
            }
        }

        cursors.Sort((a, b) => a.Shares.Bound != b.Shares.Bound ? a.Shares.Bound.CompareTo(b.Shares.Bound) : a.Shares.Clause.CompareTo(b.Shares.Clause));
        return cursors;
    }

    /// <summary>One window's sums and marks, reused from segment to segment.</summary>
    private sealed class Window
    {
        public double[] Sums { get; } = new double[WindowSize];

        public ulong[] Matched { get; } = new ulong[WindowSize / 64];
    }

    /// <summary>One segment's documents, a window at a time: the essential words (the largest bounds) walked, the rest probed.</summary>
    private sealed class SegmentScan
    {
        private readonly List<PostingCursor> _cursors;
        private readonly int _docBase;
        private readonly IBits? _liveDocs;
        private readonly byte[] _lengthClasses;
        private readonly TopScoringDocs _top;
        private readonly Window _window;

        /// <summary>_boundBelow[i]: the sum of the bounds of cursors 0..i-1.</summary>
        private readonly double[] _boundBelow;

        /// <summary>Cursors below this index are not essential: together they cannot lift a document past the threshold.</summary>
        private int _firstEssential;

        public SegmentScan(List<PostingCursor> cursors, AtomicReaderContext leaf, byte[] lengthClasses, TopScoringDocs top, Window window)
        {
            _cursors = cursors;
            _docBase = leaf.DocBase;
            _liveDocs = leaf.AtomicReader.LiveDocs;
            _lengthClasses = lengthClasses;
            _top = top;
            _window = window;
            _boundBelow = new double[cursors.Count + 1];
            for (var i = 0; i < cursors.Count; i++)
            {
                _boundBelow[i + 1] = _boundBelow[i] + cursors[i].Shares.Bound;
                cursors[i].Start();
            }
        }

        public void Run()
        {
            while (UpdateEssential())
            {
                var next = PostingCursor.NoMoreDocs;
                for (var i = _firstEssential; i < _cursors.Count; i++)
                {
                    next = Math.Min(next, _cursors[i].Doc);
                }

                if (next == PostingCursor.NoMoreDocs)
                {
                    return;
                }

                var windowStart = next - (next % WindowSize);
                var windowEnd = (int)Math.Min((long)windowStart + WindowSize, int.MaxValue);
                for (var i = _firstEssential; i < _cursors.Count; i++)
                {
                    _cursors[i].Accumulate(windowStart, windowEnd, _window.Sums, _window.Matched, _lengthClasses);
                }

                OfferWindow(windowStart);
            }
        }

        /// <summary>Offers the window's marked documents in order, clearing the window as it goes.</summary>
        private void OfferWindow(int windowStart)
        {
            var sums = _window.Sums;
            var matched = _window.Matched;
            for (var word = 0; word < matched.Length; word++)
            {
                var bits = matched[word];
                matched[word] = 0;
                while (bits != 0)
                {
                    var local = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var score = sums[local];
                    sums[local] = 0;
                    var doc = windowStart + local;
                    if (Probe(doc, ref score) && (_liveDocs is null || _liveDocs.Get(doc)))
                    {
                        _top.Offer(_docBase + doc, (float)score);
                    }
                }
            }
        }

        /// <summary>Adds the non-essential words' shares, best bound first, while the document can still enter; false once it cannot.</summary>
        private bool Probe(int doc, ref double score)
        {
            for (var i = _firstEssential - 1; i >= -1; i--)
            {
                if (score + _boundBelow[i + 1] + Slack <= _top.Threshold)
                {
                    return false;
                }

                if (i < 0)
                {
                    return true;
                }

                var cursor = _cursors[i];
                if (cursor.Doc < doc)
                {
                    cursor.Advance(doc);
                }

                if (cursor.Doc == doc)
                {
                    score += cursor.Share(_lengthClasses);
                }
            }

            return true;
        }

        /// <summary>Moves words out of the essential set as the threshold rises; false when none is left, so the segment is done.</summary>
        private bool UpdateEssential()
        {
            while (_firstEssential < _cursors.Count && _boundBelow[_firstEssential + 1] + Slack <= _top.Threshold)
            {
                _firstEssential++;
            }

            return _firstEssential < _cursors.Count;
        }
    }
}
