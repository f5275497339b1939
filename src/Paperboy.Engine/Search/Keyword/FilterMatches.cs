using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>The documents of a segment that a filter matches, kept with the segment for the filters searched last.</summary>
/// <remarks>
/// A category filter such as <c>cat:cs</c> expands into every <c>cs.*</c> term, and walking its matches anew was most of
/// a filtered search's cost (bench/results/search-latency.md). What a segment's documents hold never changes, only which
/// of them are deleted, so a filter's matches are kept with the segment (and go with it), deletions included: the caller
/// clears those. A segment keeps at most <see cref="PerSegment"/> filters; the next one starts it afresh.
/// </remarks>
internal static class FilterMatches
{
    private const int PerSegment = 32;

    private static readonly ConditionalWeakTable<object, Dictionary<Query, FixedBitSet>> _segments = [];

    /// <summary>The documents of <paramref name="leaf"/> that <paramref name="query"/> matches, deleted ones too: a copy the caller may change.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="filter">Makes the filter's weight, asked for only when the segment has not kept its matches.</param>
    /// <param name="leaf">The segment.</param>
    public static FixedBitSet Of(Query query, Func<Weight> filter, AtomicReaderContext leaf)
    {
        var kept = _segments.GetValue(leaf.AtomicReader.CoreCacheKey, _ => []);
        FixedBitSet? matches;
        lock (kept)
        {
            kept.TryGetValue(query, out matches);
        }

        if (matches is null)
        {
            matches = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            if (filter().GetScorer(leaf, null) is { } scorer)
            {
                for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                {
                    matches.Set(doc);
                }
            }

            lock (kept)
            {
                if (kept.Count >= PerSegment)
                {
                    kept.Clear();
                }

                kept[query] = matches;
            }
        }

        return matches.Clone();
    }
}
