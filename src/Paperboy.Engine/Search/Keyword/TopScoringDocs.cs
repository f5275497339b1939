using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>The best documents seen so far, kept as Lucene's top-score collector keeps them: by score, then lower document number.</summary>
/// <remarks>
/// Documents must be offered in increasing document number (segment after segment), as the pruned scorer visits them:
/// a newcomer then loses every tie, exactly as in Lucene, so the same documents survive at the last place.
/// </remarks>
internal sealed class TopScoringDocs(int limit)
{
    /// <summary>Lowest score first and, among equal scores, the highest document number: the one Lucene drops.</summary>
    private static readonly Comparer<(float Score, int Doc)> _worseFirst = Comparer<(float Score, int Doc)>.Create(
        (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Doc.CompareTo(a.Doc));

    private readonly PriorityQueue<int, (float Score, int Doc)> _worstFirst = new(Math.Min(limit, 1024), _worseFirst);

    /// <summary>The score a document must beat to enter; negative infinity until the list is full.</summary>
    public double Threshold { get; private set; } = double.NegativeInfinity;

    /// <summary>Keeps <paramref name="doc"/> if it beats the threshold.</summary>
    public void Offer(int doc, float score)
    {
        if (_worstFirst.Count < limit)
        {
            _worstFirst.Enqueue(doc, (score, doc));
        }
        else if (score > Threshold)
        {
            _worstFirst.EnqueueDequeue(doc, (score, doc));
        }
        else
        {
            return;
        }

        UpdateThreshold();
    }

    /// <summary>The kept documents, best first (equal scores by document number).</summary>
    public ScoreDoc[] Results()
    {
        var results = new ScoreDoc[_worstFirst.Count];
        var i = 0;
        foreach (var (doc, (score, _)) in _worstFirst.UnorderedItems)
        {
            results[i++] = new ScoreDoc(doc, score);
        }

        Array.Sort(results, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        return results;
    }

    private void UpdateThreshold()
    {
        if (_worstFirst.Count == limit)
        {
            _worstFirst.TryPeek(out _, out var worst);
            Threshold = worst.Score;
        }
    }
}
