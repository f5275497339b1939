using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Paperboy.Search.Vectors;

/// <summary>Unit-length cluster centres found by spherical k-means; a search probes only the clusters nearest its query.</summary>
/// <remarks>
/// Once trained, the centres also keep 12-bit codes (<see cref="CentreCodes"/>, half their floats' bytes, read in full
/// by every search): a query ranks every centre by code, then scores in floats only the centres whose codes leave them
/// a chance of being among the nearest, so it probes exactly the clusters a float scan of every centre would.
/// </remarks>
internal sealed class CoarseClusters
{
    private const int Iterations = 8;
    private readonly float[] _centroids;
    private readonly int _dimension;

    /// <summary>The centres' codes once trained (while training, and where the CPU lacks the instructions, none).</summary>
    private readonly CentreCodes? _codes;

    private CoarseClusters(float[] centroids, int dimension, bool encode)
    {
        _centroids = centroids;
        _dimension = dimension;
        _codes = encode && CentreCodes.IsSupported ? new CentreCodes(centroids, dimension) : null;
    }

    public int Count => _centroids.Length / _dimension;

    public long MemoryBytes => ((long)_centroids.Length * sizeof(float)) + (_codes?.MemoryBytes ?? 0);

    /// <summary>Clusters <paramref name="sample"/> (row-major, unit rows) into <paramref name="clusters"/> centres; the same sample gives the same centres.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the last iteration.</exception>
    public static CoarseClusters Train(float[] sample, int dimension, int clusters, CancellationToken cancellation = default)
    {
        var rows = sample.Length / dimension;
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, clusters, nameof(sample));
        var centroids = new float[clusters * dimension];
        var random = new Random(17);
        var start = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).Take(clusters).ToArray();
        for (var c = 0; c < clusters; c++)
        {
            sample.AsSpan(start[c] * dimension, dimension).CopyTo(centroids.AsSpan(c * dimension, dimension));
        }

        var model = new CoarseClusters(centroids, dimension, encode: false);
        var assigned = new int[rows];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            model.AssignAll(sample, assigned);
            model.MoveToMeans(sample, assigned);
        }

        return new CoarseClusters(centroids, dimension, encode: true);
    }

    /// <summary>The cluster whose centre is closest to <paramref name="vector"/> (the lowest number among equals).</summary>
    public int Nearest(ReadOnlySpan<float> vector)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < Count; c++)
        {
            var score = TensorPrimitives.Dot(vector, _centroids.AsSpan(c * _dimension, _dimension));
            if (score > bestScore)
            {
                (best, bestScore) = (c, score);
            }
        }

        return best;
    }

    /// <summary>The nearest centre of each row of <paramref name="sample"/> (row-major), on every core.</summary>
    /// <remarks>Most of training: 32 sample rows per cluster against every centre, 8 times over.</remarks>
    public void AssignAll(float[] sample, int[] assigned)
    {
        const int RowsPerTask = 64;
        Parallel.For(0, (assigned.Length + RowsPerTask - 1) / RowsPerTask, task =>
        {
            var (first, end) = (task * RowsPerTask, Math.Min(assigned.Length, (task + 1) * RowsPerTask));
            NearestOfRows(sample.AsSpan(first * _dimension, (end - first) * _dimension), assigned.AsSpan(first, end - first));
        });
    }

    /// <summary>The nearest centre of each row of <paramref name="rows"/> (row-major), as <see cref="Nearest(ReadOnlySpan{float})"/> finds it.</summary>
    /// <remarks>
    /// With 512-bit vectors four rows go through each centre together, so each centre is loaded once per four rows rather
    /// than once per row; scores may differ from one-row-at-a-time products in the last bits, where additions are ordered
    /// differently.
    /// </remarks>
    public void NearestOfRows(ReadOnlySpan<float> rows, Span<int> nearest)
    {
        var row = 0;
        if (Vector512.IsHardwareAccelerated && _dimension % Vector512<float>.Count == 0)
        {
            for (; row + 4 <= nearest.Length; row += 4)
            {
                NearestOfFour(rows.Slice(row * _dimension, 4 * _dimension), nearest.Slice(row, 4));
            }
        }

        for (; row < nearest.Length; row++)
        {
            nearest[row] = Nearest(rows.Slice(row * _dimension, _dimension));
        }
    }

    /// <summary>The nearest centres of four consecutive rows (the lowest number among equals).</summary>
    private void NearestOfFour(ReadOnlySpan<float> rows, Span<int> nearest)
    {
        ref var row0 = ref MemoryMarshal.GetReference(rows);
        ref var row1 = ref Unsafe.Add(ref row0, _dimension);
        ref var row2 = ref Unsafe.Add(ref row1, _dimension);
        ref var row3 = ref Unsafe.Add(ref row2, _dimension);
        Span<float> best = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];
        nearest.Clear();
        for (var c = 0; c < Count; c++)
        {
            ref var centre = ref _centroids[c * _dimension];
            var (sum0, sum1, sum2, sum3) = (Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero, Vector512<float>.Zero);
            for (nuint i = 0; i < (nuint)_dimension; i += (nuint)Vector512<float>.Count)
            {
                var weights = Vector512.LoadUnsafe(ref centre, i);
                sum0 = Vector512.FusedMultiplyAdd(weights, Vector512.LoadUnsafe(ref row0, i), sum0);
                sum1 = Vector512.FusedMultiplyAdd(weights, Vector512.LoadUnsafe(ref row1, i), sum1);
                sum2 = Vector512.FusedMultiplyAdd(weights, Vector512.LoadUnsafe(ref row2, i), sum2);
                sum3 = Vector512.FusedMultiplyAdd(weights, Vector512.LoadUnsafe(ref row3, i), sum3);
            }

            Span<float> scores = [Vector512.Sum(sum0), Vector512.Sum(sum1), Vector512.Sum(sum2), Vector512.Sum(sum3)];
            for (var row = 0; row < scores.Length; row++)
            {
                if (scores[row] > best[row])
                {
                    (best[row], nearest[row]) = (scores[row], c);
                }
            }
        }
    }

    /// <summary>Fills <paramref name="nearest"/> with the clusters closest to <paramref name="query"/>, closest first (the lowest number among equals).</summary>
    public void Nearest(ReadOnlySpan<float> query, Span<int> nearest, Span<float> scores)
    {
        if (_codes is not { } codes || nearest.Length >= Count)
        {
            Score(query, nearest, scores, [], long.MinValue);
            return;
        }

        // The centres' code products, then a copy of them that selection reorders.
        var products = ArrayPool<long>.Shared.Rent(2 * Count);
        try
        {
            Span<short> encoded = stackalloc short[_dimension];
            var error = codes.EncodeQuery(query, encoded);
            var approximate = products.AsSpan(0, Count);
            for (var c = 0; c < Count; c++)
            {
                approximate[c] = codes.Product(c, encoded);
            }

            // Each code product lies within the error of its centre's product in floats (scaled alike), so the n-th best
            // code product is at most the n-th best float one plus the error, and a centre among the n nearest has a code
            // product of at least that less twice the error. Only those are scored in floats.
            var ranked = products.AsSpan(Count, Count);
            approximate.CopyTo(ranked);
            Score(query, nearest, scores, approximate, NthLargest(ranked, nearest.Length) - (2 * error));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(products);
        }
    }

    /// <summary>Fills <paramref name="nearest"/> from the centres whose code product reaches <paramref name="cutoff"/> (every centre without codes), scored in floats.</summary>
    private void Score(ReadOnlySpan<float> query, Span<int> nearest, Span<float> scores, ReadOnlySpan<long> approximate, long cutoff)
    {
        var filled = 0;
        for (var c = 0; c < Count; c++)
        {
            if (approximate.Length > 0 && approximate[c] < cutoff)
            {
                continue;
            }

            var score = TensorPrimitives.Dot(query, _centroids.AsSpan(c * _dimension, _dimension));
            if (filled == nearest.Length && score <= scores[filled - 1])
            {
                continue;
            }

            // Insertion into the short sorted list of the best so far.
            var at = Math.Min(filled, nearest.Length - 1);
            while (at > 0 && scores[at - 1] < score)
            {
                scores[at] = scores[at - 1];
                nearest[at] = nearest[at - 1];
                at--;
            }

            scores[at] = score;
            nearest[at] = c;
            filled = Math.Min(filled + 1, nearest.Length);
        }
    }

    /// <summary>The <paramref name="n"/>-th largest of <paramref name="values"/>, which it reorders (a quickselect).</summary>
    private static long NthLargest(Span<long> values, int n)
    {
        var (left, right, nth) = (0, values.Length - 1, n - 1);
        while (left < right)
        {
            // The middle value goes last, larger values before the place it then takes, the rest after.
            var middle = left + ((right - left) / 2);
            (values[middle], values[right]) = (values[right], values[middle]);
            var store = left;
            for (var i = left; i < right; i++)
            {
                if (values[i] > values[right])
                {
                    (values[i], values[store]) = (values[store], values[i]);
                    store++;
                }
            }

            (values[store], values[right]) = (values[right], values[store]);
            if (store == nth)
            {
                break;
            }

            (left, right) = nth < store ? (left, store - 1) : (store + 1, right);
        }

        return values[nth];
    }

    private void MoveToMeans(float[] sample, int[] assigned)
    {
        Array.Clear(_centroids);
        var sizes = new int[Count];
        for (var row = 0; row < assigned.Length; row++)
        {
            var centre = _centroids.AsSpan(assigned[row] * _dimension, _dimension);
            TensorPrimitives.Add(centre, sample.AsSpan(row * _dimension, _dimension), centre);
            sizes[assigned[row]]++;
        }

        for (var c = 0; c < Count; c++)
        {
            var centre = _centroids.AsSpan(c * _dimension, _dimension);
            if (sizes[c] == 0)
            {
                // An empty cluster restarts at a sample row chosen by its number, so training stays deterministic.
                var row = (int)((long)c * 7919 % assigned.Length);
                sample.AsSpan(row * _dimension, _dimension).CopyTo(centre);
            }

            var norm = TensorPrimitives.Norm(centre);
            if (norm > 0)
            {
                TensorPrimitives.Divide(centre, norm, centre);
            }
        }
    }
}
