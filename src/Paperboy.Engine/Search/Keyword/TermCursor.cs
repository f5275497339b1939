using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>One query word's matching documents in one segment, with the most it can add to a score.</summary>
/// <param name="scorer">Lucene's own scorer of the word, so that each document's share of the score is Lucene's to the bit.</param>
/// <param name="bound">An upper bound on any score the scorer gives (BM25 saturates below idf x boost x (k1 + 1)).</param>
/// <param name="clause">The word's place in the query, which fixes the order Lucene sums the shares in.</param>
internal sealed class TermCursor(Scorer scorer, double bound, int clause)
{
    /// <summary>The current document; -1 before the first, <see cref="DocIdSetIterator.NO_MORE_DOCS"/> after the last.</summary>
    public int Doc { get; private set; } = -1;

    public double Bound => bound;

    public int Clause => clause;

    public bool Exhausted => Doc == DocIdSetIterator.NO_MORE_DOCS;

    public void Next() => Doc = scorer.NextDoc();

    /// <summary>Moves to the first document at or after <paramref name="target"/>, which must lie beyond <see cref="Doc"/>.</summary>
    public void Advance(int target) => Doc = scorer.Advance(target);

    /// <summary>The word's share of the current document's score.</summary>
    public float Score() => scorer.GetScore();
}

/// <summary>A min-heap of cursors by current document: the next document any of them matches is on top.</summary>
internal sealed class CursorHeap(int capacity)
{
    private readonly TermCursor[] _heap = new TermCursor[capacity];

    public int Count { get; private set; }

    public TermCursor Top => _heap[0];

    /// <summary>Replaces the contents with the cursors of <paramref name="cursors"/> from <paramref name="start"/> that have documents left.</summary>
    public void Reset(List<TermCursor> cursors, int start)
    {
        Count = 0;
        for (var i = start; i < cursors.Count; i++)
        {
            if (!cursors[i].Exhausted)
            {
                _heap[Count++] = cursors[i];
            }
        }

        for (var i = (Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>Restores the order after the top cursor moved, dropping it if it ran out.</summary>
    public void TopMoved()
    {
        if (_heap[0].Exhausted)
        {
            _heap[0] = _heap[--Count];
        }

        SiftDown(0);
    }

    private void SiftDown(int i)
    {
        var moving = _heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _heap[child + 1].Doc < _heap[child].Doc)
            {
                child++;
            }

            if (_heap[child].Doc >= moving.Doc)
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        if (Count > 0)
        {
            _heap[i] = moving;
        }
    }
}
