namespace Paperboy.Search.Vectors;

/// <summary>The best rows by int8 score, a fixed number of them; ties go by <paramref name="ties"/>, so the choice never depends on scan order.</summary>
/// <remarks>
/// A scan offers thousands of rows, and with them in cluster order hundreds still enter the best few hundred. A heap
/// keeps itself in order at every entry; this buffer only appends, and when it is full cuts itself back to the best
/// half by selection (linear on average), raising the score a row needs to enter. The kept rows are the same as a
/// heap's: the best under one total order (score, then <paramref name="ties"/>).
/// </remarks>
/// <param name="capacity">How many rows to keep.</param>
/// <param name="ties">Orders rows of equal score, the preferred first.</param>
internal sealed class CandidateBuffer(int capacity, IComparer<int> ties)
{
    private readonly int[] _scores = new int[2 * capacity];
    private readonly int[] _rows = new int[2 * capacity];
    private int _count;

    /// <summary>The score of the worst row kept at the last cut: a row scoring less cannot be among the best.</summary>
    private int _threshold = int.MinValue;

    /// <summary>True when a row with <paramref name="score"/> may be among the best (false means it cannot).</summary>
    public bool Admits(int score) => score >= _threshold;

    public void Add(int score, int row)
    {
        if (score < _threshold)
        {
            return;
        }

        _scores[_count] = score;
        _rows[_count] = row;
        if (++_count == _scores.Length)
        {
            Cut();
        }
    }

    /// <summary>Adds every row of <paramref name="other"/>.</summary>
    public void AddAll(CandidateBuffer other)
    {
        for (var i = 0; i < other._count; i++)
        {
            Add(other._scores[i], other._rows[i]);
        }
    }

    /// <summary>The best rows (all of them when fewer were added), in no particular order.</summary>
    public ReadOnlySpan<int> Best()
    {
        if (_count > capacity)
        {
            Cut();
        }

        return _rows.AsSpan(0, _count);
    }

    /// <summary>Keeps the best <c>capacity</c> rows, in the first slots, and raises the threshold to the worst of them.</summary>
    private void Cut()
    {
        // Quickselect: afterwards the slot capacity - 1 holds the row that belongs there, and better rows come before it.
        var (left, right, nth) = (0, _count - 1, capacity - 1);
        while (left < right)
        {
            var pivot = Partition(left, right, left + ((right - left) / 2));
            if (pivot == nth)
            {
                break;
            }

            (left, right) = nth < pivot ? (left, pivot - 1) : (pivot + 1, right);
        }

        _count = capacity;
        _threshold = _scores[nth];
    }

    /// <summary>Moves the rows better than the one at <paramref name="pivot"/> before it; returns where it ends up.</summary>
    private int Partition(int left, int right, int pivot)
    {
        Swap(pivot, right);
        var store = left;
        for (var i = left; i < right; i++)
        {
            if (Better(i, right))
            {
                Swap(i, store++);
            }
        }

        Swap(store, right);
        return store;
    }

    private bool Better(int a, int b) =>
        _scores[a] > _scores[b] || (_scores[a] == _scores[b] && ties.Compare(_rows[a], _rows[b]) < 0);

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
