using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>The documents of a segment that a filter or an exclusion matches, kept with the segment for those searched last.</summary>
/// <remarks>
/// A category filter such as <c>cat:cs</c> expands into every <c>cs.*</c> term, and an exclusion of a common word such as
/// <c>-model</c> has hundreds of thousands of postings at a million papers: walking their matches anew was most of a
/// restricted search's cost (bench/results/search-latency.md). What a segment's documents hold never changes, only
/// which of them are deleted, so the matches are kept with the segment (and go with it), deletions included: callers
/// account for those. A segment keeps at most <see cref="PerSegment"/> sets; a new one replaces the one used least lately.
/// </remarks>
internal static class FilterMatches
{
    private const int PerSegment = 32;

    private static readonly ConditionalWeakTable<object, Kept> _segments = [];

    /// <summary>The documents of <paramref name="leaf"/> that <paramref name="query"/> matches, deleted ones too, shared: callers must not change it.</summary>
    /// <param name="query">The filter or exclusion.</param>
    /// <param name="weight">Makes the query's weight, asked for only when the segment has not kept its matches.</param>
    /// <param name="leaf">The segment.</param>
    public static FixedBitSet Of(Query query, Func<Weight> weight, AtomicReaderContext leaf)
    {
        var kept = _segments.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new Kept());
        if (kept.Find(query) is { } found)
        {
            return found;
        }

        var matches = new FixedBitSet(leaf.AtomicReader.MaxDoc);
        if (weight().GetScorer(leaf, null) is { } scorer)
        {
            for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
            {
                matches.Set(doc);
            }
        }

        kept.Add(query, matches);
        return matches;
    }

    /// <summary>One segment's kept sets, each with when it was last used.</summary>
    private sealed class Kept
    {
        private readonly Dictionary<Query, (FixedBitSet Matches, long LastUse)> _sets = [];
        private long _clock;

        public FixedBitSet? Find(Query query)
        {
            lock (_sets)
            {
                if (!_sets.TryGetValue(query, out var entry))
                {
                    return null;
                }

                _sets[query] = (entry.Matches, ++_clock);
                return entry.Matches;
            }
        }

        public void Add(Query query, FixedBitSet matches)
        {
            lock (_sets)
            {
                if (_sets.Count >= PerSegment && !_sets.ContainsKey(query))
                {
                    _sets.Remove(_sets.MinBy(pair => pair.Value.LastUse).Key);
                }

                _sets[query] = (matches, ++_clock);
            }
        }
    }
}
