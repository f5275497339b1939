using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>Which documents of a segment a <see cref="Restriction"/> lets through: live ones matching its filter and none of its exclusions.</summary>
/// <param name="searcher">The index's searcher.</param>
/// <param name="restriction">The filter and exclusions.</param>
internal sealed class Admission(IndexSearcher searcher, Restriction restriction)
{
    private readonly List<Weight> _excluded = restriction.Excluded.Select(searcher.CreateNormalizedWeight).ToList();

    /// <summary>
    /// The live documents of <paramref name="leaf"/> that the filter matches (every one without a filter) and no exclusion
    /// does, and how many; null when none. The filter's matches come from those the segment keeps (<see cref="FilterMatches"/>),
    /// less the deleted documents; then each exclusion's matches are cleared.
    /// </summary>
    public (FixedBitSet Documents, int Count)? Of(AtomicReaderContext leaf)
    {
        var reader = leaf.AtomicReader;
        FixedBitSet documents;
        if (restriction.Required is { } filter)
        {
            // The filter's weight is made only where the segment has not kept its matches: it rewrites prefixes over the index.
            documents = FilterMatches.Of(filter, () => searcher.CreateNormalizedWeight(filter), leaf);
        }
        else
        {
            documents = new FixedBitSet(reader.MaxDoc);
            documents.Set(0, reader.MaxDoc);
        }

        for (var doc = 0; reader.LiveDocs is { } live && doc < reader.MaxDoc; doc++)
        {
            if (!live.Get(doc))
            {
                documents.Clear(doc);
            }
        }

        foreach (var exclusion in _excluded)
        {
            if (exclusion.GetScorer(leaf, null) is { } matches)
            {
                for (var doc = matches.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.NextDoc())
                {
                    documents.Clear(doc);
                }
            }
        }

        var count = documents.Cardinality;
        return count == 0 ? null : (documents, count);
    }
}
