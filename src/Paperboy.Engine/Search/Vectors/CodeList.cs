namespace Paperboy.Search.Vectors;

/// <summary>One cluster's rows and their int8 codes, held contiguously so a probe reads them as one stream.</summary>
internal sealed class CodeList(int dimension, int capacity = 16)
{
    private int[] _rows = new int[Math.Max(capacity, 1)];
    private sbyte[] _codes = new sbyte[Math.Max(capacity, 1) * dimension];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    public ReadOnlySpan<sbyte> Code(int slot) => _codes.AsSpan(slot * dimension, dimension);

    /// <summary>Appends a row and its code; returns the row's slot.</summary>
    public int Add(int row, ReadOnlySpan<sbyte> code)
    {
        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, Math.Max(Count * 2, 16));
            Array.Resize(ref _codes, Math.Max(Count * 2, 16) * dimension);
        }

        _rows[Count] = row;
        code.CopyTo(_codes.AsSpan(Count * dimension, dimension));
        return Count++;
    }

    /// <summary>Removes the row in <paramref name="slot"/>; the last row moves into it, and is returned (-1 when none moved).</summary>
    public int RemoveAt(int slot)
    {
        var last = --Count;
        if (slot == last)
        {
            return -1;
        }

        _rows[slot] = _rows[last];
        _codes.AsSpan(last * dimension, dimension).CopyTo(_codes.AsSpan(slot * dimension, dimension));
        return _rows[slot];
    }
}
