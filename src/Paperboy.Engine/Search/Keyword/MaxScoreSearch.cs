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
/// the lower document number. With a <see cref="Restriction"/> (filters scoring 0, exclusions) only the documents it
/// admits are offered, which is exactly what Lucene's query with those clauses beside the words returns.
/// </remarks>
internal static class MaxScoreSearch
{
    /// <summary>Documents per window: the window's sums (a double each) stay in the first-level cache.</summary>
    private const int WindowSize = 4096;

    /// <summary>Absolute headroom on every pruning decision, far above the rounding of sums in double.</summary>
    private const double Slack = 1e-7;

    /// <summary>Up to <paramref name="limit"/> documents by score (equal scores by document number), as Lucene's IndexSearcher.Search returns them.</summary>
    /// <param name="searcher">The index's searcher.</param>
    /// <param name="field">The field the words are searched in.</param>
    /// <param name="words">The words, any of which a document must hold.</param>
    /// <param name="limit">How many documents at most.</param>
    /// <param name="restriction">What a document must also match and must not (filters, exclusions), adding nothing to its score; null for none.</param>
    public static ScoreDoc[] Search(IndexSearcher searcher, string field, IReadOnlyList<WeightedTerm> words, int limit, Restriction? restriction = null)
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
        var admission = restriction is null ? null : new Admission(searcher, restriction);
        for (var l = 0; l < leaves.Count; l++)
        {
            if (Cursors(leaves[l], segments[l], postings, l, weights) is not { Count: > 0 } cursors)
            {
                continue;
            }

            var scan = new SegmentScan(cursors, leaves[l], segments[l].LengthClasses, top, window);
            if (admission is null)
            {
                scan.Run();
            }
            else if (admission.Of(leaves[l]) is { } admitted)
            {
                scan.Run(admitted);
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

        /// <summary>The documents a search may return: the live ones, or those its restriction admits.</summary>
        private IBits? _accepted;
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
            _accepted = leaf.AtomicReader.LiveDocs;
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

        /// <summary>
        /// Scores only the <paramref name="admitted"/> documents (live, and matching the restriction). When they are few
        /// beside the words' postings, they are visited one by one, each word skipped to them (as Lucene's conjunction
        /// does); otherwise the words' postings are walked as usual and the others dropped.
        /// </summary>
        public void Run((FixedBitSet Documents, int Count) admitted)
        {
            _accepted = admitted.Documents;
            var postings = _cursors.Sum(cursor => (long)cursor.Count);
            if ((long)admitted.Count * _cursors.Count < postings)
            {
                RunAdmitted(admitted.Documents);
            }
            else
            {
                Run();
            }
        }

        /// <summary>Visits each admitted document, probing every word (best bound first) while the document can still enter.</summary>
        private void RunAdmitted(FixedBitSet admitted)
        {
            for (var doc = admitted.NextSetBit(0); doc >= 0; doc = doc + 1 < admitted.Length ? admitted.NextSetBit(doc + 1) : -1)
            {
                var (score, matched, i) = (0d, false, _cursors.Count - 1);
                for (; i >= 0 && score + _boundBelow[i + 1] + Slack > _top.Threshold; i--)
                {
                    var cursor = _cursors[i];
                    if (cursor.Doc < doc)
                    {
                        cursor.Advance(doc);
                    }

                    if (cursor.Doc == doc)
                    {
                        (score, matched) = (score + cursor.Share(_lengthClasses), true);
                    }
                }

                // A document that could not enter stopped early; one that holds none of the words is not a match.
                if (i < 0 && matched)
                {
                    _top.Offer(_docBase + doc, (float)score);
                }
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
                    if ((_accepted is null || _accepted.Get(doc)) && Probe(doc, ref score))
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
