using System.Numerics.Tensors;

namespace Paperboy.Search.Vectors;

/// <summary>Unit-length cluster centres found by spherical k-means; a search probes only the clusters nearest its query.</summary>
internal sealed class CoarseClusters
{
    private const int Iterations = 8;
    private readonly float[] _centroids;
    private readonly int _dimension;

    private CoarseClusters(float[] centroids, int dimension)
    {
        _centroids = centroids;
        _dimension = dimension;
    }

    public int Count => _centroids.Length / _dimension;

    public long MemoryBytes => (long)_centroids.Length * sizeof(float);

    /// <summary>Clusters <paramref name="sample"/> (row-major, unit rows) into <paramref name="clusters"/> centres; the same sample gives the same centres.</summary>
    public static CoarseClusters Train(float[] sample, int dimension, int clusters)
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

        var model = new CoarseClusters(centroids, dimension);
        var assigned = new int[rows];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Parallel.For(0, rows, row => assigned[row] = model.Nearest(sample.AsSpan(row * dimension, dimension)));
            model.MoveToMeans(sample, assigned);
        }

        return model;
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

    /// <summary>Fills <paramref name="nearest"/> with the clusters closest to <paramref name="query"/>, closest first.</summary>
    public void Nearest(ReadOnlySpan<float> query, Span<int> nearest, Span<float> scores)
    {
        var filled = 0;
        for (var c = 0; c < Count; c++)
        {
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
