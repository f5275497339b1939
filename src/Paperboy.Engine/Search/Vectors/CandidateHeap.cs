namespace Paperboy.Search.Vectors;

/// <summary>The best rows seen so far by exact score, at most a fixed number; ties go by <paramref name="ties"/>, so results never depend on scan order.</summary>
/// <param name="capacity">How many rows to keep.</param>
/// <param name="ties">Orders rows of equal score, the preferred first (by paper id, so a rebuilt index ranks alike).</param>
internal sealed class CandidateHeap(int capacity, IComparer<int> ties)
{
    // A min-heap: the root is the worst kept candidate, the one a newcomer must beat.
    private readonly float[] _scores = new float[capacity];
    private readonly int[] _rows = new int[capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

    /// <summary>True when a row with <paramref name="score"/> and number <paramref name="row"/> would be kept.</summary>
    public bool Admits(float score, int row) => !IsFull || Better(score, row, 0);

    public void Add(float score, int row)
    {
        if (!IsFull)
        {
            _scores[Count] = score;
            _rows[Count] = row;
            SiftUp(Count++);
        }
        else if (Better(score, row, 0))
        {
            _scores[0] = score;
            _rows[0] = row;
            SiftDown(0);
        }
    }

    /// <summary>Adds every candidate of <paramref name="other"/>.</summary>
    public void AddAll(CandidateHeap other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other._scores[i], other._rows[i]);
        }
    }

    /// <summary>The kept rows, in no particular order.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>The scores of <see cref="Rows"/>, in the same order.</summary>
    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, Count);

    private bool Better(float score, int row, int slot)
    {
        var order = score.CompareTo(_scores[slot]);
        return order > 0 || (order == 0 && ties.Compare(row, _rows[slot]) < 0);
    }

    private void SiftUp(int slot)
    {
        while (slot > 0)
        {
            var parent = (slot - 1) / 2;
            if (!Better(_scores[parent], _rows[parent], slot))
            {
                return;
            }

            Swap(slot, parent);
            slot = parent;
        }
    }

    private void SiftDown(int slot)
    {
        while (true)
        {
            var worst = slot;
            foreach (var child in (ReadOnlySpan<int>)[(2 * slot) + 1, (2 * slot) + 2])
            {
                if (child < Count && !Better(_scores[child], _rows[child], worst))
                {
                    worst = child;
                }
            }

            if (worst == slot)
            {
                return;
            }

            Swap(slot, worst);
            slot = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
