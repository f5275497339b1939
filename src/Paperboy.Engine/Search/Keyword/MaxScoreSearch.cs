using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>The top documents of a disjunction of weighted words under BM25, found with MaxScore pruning.</summary>
/// <remarks>
/// Lucene.NET 4.8 scores every posting of every word; at a million papers that is tens of milliseconds a query.
/// MaxScore (Turtle and Flood, 1995) sorts the words by the most each can add. Once the k-th best score exceeds the sum of
/// the smallest bounds, documents holding only those words cannot enter, so those words are no longer walked: they are
/// only looked up, by skipping, for documents the other words bring, and only while the document can still enter.
/// The result is exactly Lucene's BooleanQuery of SHOULD TermQuerys (each boosted by its count): the same documents,
/// each word's share computed by Lucene's own scorer and summed in the order Lucene's BooleanScorer sums them, in
/// double, and ties at the last place broken, as Lucene's collector breaks them, by the lower document number.
/// </remarks>
internal static class MaxScoreSearch
{
    /// <summary>Relative headroom on each bound, far above the float rounding of Lucene's score arithmetic.</summary>
    private const double BoundMargin = 1e-5;

    /// <summary>Absolute headroom on every pruning decision, far above the rounding of sums in double.</summary>
    private const double Slack = 1e-7;

    /// <summary>How many documents per result the rarest words may hold for <see cref="Floor"/> to score them first.</summary>
    private const int FloorBudget = 64;

    /// <summary>Up to <paramref name="limit"/> documents by score (equal scores by document number), as Lucene's IndexSearcher.Search returns them.</summary>
    public static ScoreDoc[] Search(IndexSearcher searcher, string field, IReadOnlyList<WeightedTerm> words, int limit)
    {
        var reader = searcher.IndexReader;
        limit = Math.Min(limit, reader.MaxDoc);
        if (limit <= 0)
        {
            return [];
        }

        var maxDoc = searcher.CollectionStatistics(field).MaxDoc;
        var weights = new Weight?[words.Count];
        var bounds = new double[words.Count];
        var docFreqs = new long[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var term = new Term(field, words[i].Term);
            var states = TermContext.Build(searcher.TopReaderContext, term);
            docFreqs[i] = states.DocFreq;
            if (states.DocFreq > 0)
            {
                weights[i] = searcher.CreateNormalizedWeight(new TermQuery(term, states) { Boost = words[i].Count });
                bounds[i] = Bound(states.DocFreq, maxDoc, words[i].Count);
            }
        }

        var shares = new double[words.Count];
        var top = new TopScoringDocs(limit) { Floor = Floor(reader, weights, bounds, docFreqs, limit, shares) };
        Scan(reader, weights, bounds, top, shares, _ => false);
        return top.Results();
    }

    /// <summary>A score that <paramref name="limit"/> documents reach: the last of the top documents among those holding the rarest words.</summary>
    /// <remarks>
    /// The threshold otherwise starts at nothing and rises as documents come, so early documents are scored in full.
    /// The rarest words (largest bounds) hold few documents, usually the best ones: scoring those first lets pruning
    /// start near its final threshold. Skipped when they hold too many documents to be cheap.
    /// </remarks>
    private static double Floor(IndexReader reader, Weight?[] weights, double[] bounds, long[] docFreqs, int limit, double[] shares)
    {
        // The same order as the cursors' (bound, then clause), from the top: the chosen words are the last cursors.
        var chosen = new HashSet<int>();
        var held = 0L;
        foreach (var i in Enumerable.Range(0, weights.Length).Where(i => weights[i] is not null).OrderByDescending(i => (bounds[i], i)))
        {
            if (held >= limit)
            {
                break;
            }

            chosen.Add(i);
            held += docFreqs[i];
        }

        if (held < limit || held > FloorBudget * (long)limit)
        {
            return double.NegativeInfinity;
        }

        var sample = new TopScoringDocs(limit);
        Scan(reader, weights, bounds, sample, shares, cursor => !chosen.Contains(cursor.Clause));
        return sample.Threshold;
    }

    /// <summary>Offers every segment's documents to <paramref name="top"/>, walking at least the words <paramref name="probedOnly"/> leaves out.</summary>
    private static void Scan(IndexReader reader, Weight?[] weights, double[] bounds, TopScoringDocs top, double[] shares, Func<TermCursor, bool> probedOnly)
    {
        foreach (var leaf in reader.Leaves)
        {
            if (Cursors(leaf, weights, bounds) is { Count: > 0 } cursors)
            {
                var firstWalked = cursors.FindIndex(c => !probedOnly(c));
                new SegmentScan(cursors, leaf.DocBase, top, shares, firstWalked < 0 ? cursors.Count : firstWalked).Run();
            }
        }
    }

    /// <summary>The highest score a word can give: its BM25 weight idf x boost x (k1 + 1), which term frequency only approaches.</summary>
    /// <remarks>idf as BM25Similarity computes it, from the document frequency and maxDoc (deleted documents included).</remarks>
    private static double Bound(long docFreq, long maxDoc, int count)
    {
        var idf = Math.Log(1 + ((maxDoc - docFreq + 0.5) / (docFreq + 0.5)));
        return idf * count * (KeywordIndex.Similarity.K1 + 1) * (1 + BoundMargin);
    }

    /// <summary>The cursors of the words present in the segment, smallest bound first; deleted documents are skipped.</summary>
    private static List<TermCursor> Cursors(AtomicReaderContext leaf, Weight?[] weights, double[] bounds)
    {
        var cursors = new List<TermCursor>(weights.Length);
        var liveDocs = leaf.AtomicReader.LiveDocs;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i]?.GetScorer(leaf, liveDocs) is { } scorer)
            {
                var cursor = new TermCursor(scorer, bounds[i], i);
                cursor.Next();
                if (!cursor.Exhausted)
                {
                    cursors.Add(cursor);
                }
            }
        }

        cursors.Sort((a, b) => a.Bound != b.Bound ? a.Bound.CompareTo(b.Bound) : a.Clause.CompareTo(b.Clause));
        return cursors;
    }

    /// <summary>One segment's documents in order: the essential words (the largest bounds) walked, the rest probed.</summary>
    private sealed class SegmentScan
    {
        private readonly List<TermCursor> _cursors;
        private readonly int _docBase;
        private readonly TopScoringDocs _top;
        private readonly double[] _shares;

        /// <summary>_boundBelow[i]: the sum of the bounds of cursors 0..i-1.</summary>
        private readonly double[] _boundBelow;
        private readonly CursorHeap _essential;
        private readonly int[] _matched;
        private int _matchedCount;

        /// <summary>Cursors below this index are not essential: together they cannot lift a document past the threshold.</summary>
        private int _firstEssential;

        public SegmentScan(List<TermCursor> cursors, int docBase, TopScoringDocs top, double[] shares, int firstEssential)
        {
            _firstEssential = firstEssential;
            _cursors = cursors;
            _docBase = docBase;
            _top = top;
            _shares = shares;
            _boundBelow = new double[cursors.Count + 1];
            for (var i = 0; i < cursors.Count; i++)
            {
                _boundBelow[i + 1] = _boundBelow[i] + cursors[i].Bound;
            }

            _essential = new CursorHeap(cursors.Count);
            _matched = new int[cursors.Count];
            UpdateEssential();
        }

        public void Run()
        {
            while (_essential.Count > 0)
            {
                var doc = _essential.Top.Doc;
                var partial = 0.0;
                do
                {
                    partial += Take(_essential.Top);
                    _essential.Top.Next();
                    _essential.TopMoved();
                }
                while (_essential.Count > 0 && _essential.Top.Doc == doc);

                if (Probe(doc, partial) && _top.Offer(_docBase + doc, Sum()) && UpdateEssential())
                {
                    return;
                }

                ClearMatched();
            }
        }

        /// <summary>Adds the non-essential words' shares, best bound first, while the document can still enter; false once it cannot.</summary>
        private bool Probe(int doc, double partial)
        {
            for (var i = _firstEssential - 1; i >= 0; i--)
            {
                if (partial + _boundBelow[i + 1] + Slack <= _top.PruningThreshold)
                {
                    return false;
                }

                var cursor = _cursors[i];
                if (cursor.Doc < doc)
                {
                    cursor.Advance(doc);
                }

                if (cursor.Doc == doc)
                {
                    partial += Take(cursor);
                }
            }

            return true;
        }

        private double Take(TermCursor cursor)
        {
            double share = cursor.Score();
            _shares[cursor.Clause] = share;
            _matched[_matchedCount++] = cursor.Clause;
            return share;
        }

        /// <summary>The document's score as Lucene's BooleanScorer computes it: the shares summed in double, last clause first.</summary>
        private float Sum()
        {
            var matched = _matched.AsSpan(0, _matchedCount);
            matched.Sort();
            var sum = 0.0;
            for (var i = matched.Length - 1; i >= 0; i--)
            {
                sum += _shares[matched[i]];
            }

            return (float)sum;
        }

        private void ClearMatched() => _matchedCount = 0;

        /// <summary>Moves words out of the essential set as the threshold rises; true when none is left, so the segment is done.</summary>
        private bool UpdateEssential()
        {
            var first = _firstEssential;
            while (_firstEssential < _cursors.Count && _boundBelow[_firstEssential + 1] + Slack <= _top.PruningThreshold)
            {
                _firstEssential++;
            }

            if (first != _firstEssential || _essential.Count == 0)
            {
                _essential.Reset(_cursors, _firstEssential);
            }

            return _firstEssential == _cursors.Count;
        }
    }
}
