using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>Which documents of a segment a <see cref="Restriction"/> lets through: live ones matching its filter and none of its exclusions.</summary>
/// <param name="searcher">The index's searcher.</param>
/// <param name="restriction">The filter and exclusions.</param>
internal sealed class Admission(IndexSearcher searcher, Restriction restriction)
{
    /// <summary>
    /// Each segment's live documents as a set, by the reader's live-documents object: Lucene copies that object before
    /// deleting more, so it never changes, and readers reopened without new deletions in the segment share it.
    /// </summary>
    private static readonly ConditionalWeakTable<IBits, FixedBitSet> _live = [];

    /// <summary>The weights made during this search, one a query: a weight rewrites its query over the whole index.</summary>
    private readonly Dictionary<Query, Weight> _weights = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The live documents of <paramref name="leaf"/> that the filter matches (every one without a filter) and no exclusion
    /// does, and how many; null when none. The matches of the filter and of each exclusion come from those the segment
    /// keeps (<see cref="FilterMatches"/>): a copy of the filter's, less the deleted documents (kept per set of
    /// deletions), less each exclusion's.
    /// </summary>
    public (FixedBitSet Documents, int Count)? Of(AtomicReaderContext leaf)
    {
        var reader = leaf.AtomicReader;
        FixedBitSet documents;
        if (restriction.Required is { } filter)
        {
            documents = Matches(filter, leaf).Clone();
        }
        else
        {
            documents = new FixedBitSet(reader.MaxDoc);
            documents.Set(0, reader.MaxDoc);
        }

        if (reader.LiveDocs is { } live)
        {
            documents.And(_live.GetValue(live, _ => LiveSet(live, reader.MaxDoc)));
        }

        foreach (var exclusion in restriction.Excluded)
        {
            documents.AndNot(Matches(exclusion, leaf));
        }

        var count = documents.Cardinality;
        return count == 0 ? null : (documents, count);
    }

    private static FixedBitSet LiveSet(IBits live, int maxDoc)
    {
        var set = new FixedBitSet(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (live.Get(doc))
            {
                set.Set(doc);
            }
        }

        return set;
    }

    /// <summary>What <paramref name="query"/> matches in the segment; its weight (a rewrite of prefixes over the index) is made only where the segment has not kept them.</summary>
    private FixedBitSet Matches(Query query, AtomicReaderContext leaf) =>
        FilterMatches.Of(query, () => Weight(query), leaf);

    private Weight Weight(Query query)
    {
        if (!_weights.TryGetValue(query, out var weight))
        {
            _weights[query] = weight = searcher.CreateNormalizedWeight(query);
        }

        return weight;
    }
}
