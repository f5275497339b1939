using Lucene.Net.Search.Similarities;

namespace Paperboy.Search.Keyword;

/// <summary>What one query word adds to a document's BM25 score in one segment, by frequency and length class, priced by Lucene.</summary>
/// <remarks>
/// A share depends only on the word's frequency in the document and the document's length norm, so Lucene's own scorer,
/// asked once per frequency and class through a representative document, gives every posting's share to the bit.
/// </remarks>
internal sealed class WordShares
{
    /// <summary>Frequencies up to this are priced in advance; higher ones (rare) are asked of the scorer as they come.</summary>
    public const int TabledFreqs = 16;

    /// <summary>Relative headroom on the bound, far above the float rounding of Lucene's score arithmetic.</summary>
    private const double BoundMargin = 1e-5;

    private readonly Similarity.SimScorer _scorer;
    private readonly int[] _representatives;
    private readonly float[] _table;

    public WordShares(Similarity.SimScorer scorer, int[] representatives, int maxFreq, int clause)
    {
        _scorer = scorer;
        _representatives = representatives;
        Clause = clause;
        var classes = representatives.Length;
        _table = new float[(TabledFreqs + 1) * classes];
        for (var freq = 1; freq <= TabledFreqs; freq++)
        {
            for (var lengthClass = 0; lengthClass < classes; lengthClass++)
            {
                _table[(lengthClass * (TabledFreqs + 1)) + freq] = scorer.Score(representatives[lengthClass], freq);
            }
        }

        // A share grows with the frequency at a given length, so the word's highest frequency bounds it in each class.
        var bound = 0.0;
        for (var lengthClass = 0; lengthClass < classes; lengthClass++)
        {
            bound = Math.Max(bound, Of(maxFreq, lengthClass));
        }

        Bound = bound * (1 + BoundMargin);
    }

    /// <summary>The word's place in the query.</summary>
    public int Clause { get; }

    /// <summary>An upper bound on any share the word gives in the segment.</summary>
    public double Bound { get; }

    /// <summary>The share of a document where the word occurs <paramref name="freq"/> times, of length class <paramref name="lengthClass"/>.</summary>
    public float Of(int freq, int lengthClass) => freq <= TabledFreqs
        ? _table[(lengthClass * (TabledFreqs + 1)) + freq]
        : _scorer.Score(_representatives[lengthClass], freq);
}
