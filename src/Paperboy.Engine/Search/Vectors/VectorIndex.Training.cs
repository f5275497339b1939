namespace Paperboy.Search.Vectors;

/// <summary>Training: fitting the int8 scales to the vectors and clustering them, when the index has grown enough.</summary>
public sealed partial class VectorIndex
{
    /// <summary>Sample rows per cluster for k-means: enough for stable centres at a small part of the cost of using all.</summary>
    private const int SamplePerCluster = 32;

    /// <summary>The cluster count measured best at a million papers; smaller indexes get as many while clusters stay large enough.</summary>
    private const int PreferredClusters = 1_000;

    /// <summary>The fewest papers a cluster holds by default, so that 64 probes scan at most 6.4% of the index above 64,000 papers.</summary>
    private const int SmallestClusterSize = 64;

    /// <summary>Called on the training thread once a training has started, before the new layout is computed (for tests).</summary>
    internal Action? TrainingStarted { get; set; }

    /// <summary>Trains when the index is due, beside searches: they go on with the old layout until the new one is swapped in.</summary>
    /// <remarks>
    /// The new layout is computed under the upgradeable read lock, which readers share and writers wait for, so only
    /// changes wait for a training (seconds at 75,000 papers with 1,000 clusters); the swap takes the write lock briefly.
    /// Called without any lock held. A cancelled training throws before the new layout is swapped in, leaving the old one.
    /// </remarks>
    private void TrainIfDue(CancellationToken cancellation = default)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_rows.Count < (_lists is null ? _options.ClusterThreshold : _nextTraining))
            {
                return;
            }

            TrainingStarted?.Invoke();
            var layout = Train(cancellation);
            _lock.EnterWriteLock();
            try
            {
                Adopt(layout);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    /// <summary>A trained layout: the floats' file (when they move there now), int8 scales, clusters and every cluster's codes.</summary>
    private sealed record TrainedLayout(FloatRows? MovedVectors, ScalarQuantizer Quantizer, CoarseClusters? Clusters, CodeList[] Lists,
        int[] ListOf, int[] SlotOf, int NextTraining);

    /// <summary>Copies the floats to their file (the first time), refits the int8 scales, reclusters and rebuilds every cluster's codes, changing nothing yet.</summary>
    /// <remarks>
    /// Rows are visited in the order of their paper ids and the sample is a fixed stride, so the same vectors train alike
    /// whatever order they came in: a server that crashed and resumed saved them in another order than a clean run, and
    /// trained in row order its clusters, and so its approximate results, differed.
    /// </remarks>
    private TrainedLayout Train(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var dimension = Model.Dimension;
        var live = Enumerable.Range(0, _ids.Count).Where(row => _ids[row] is not null).ToArray();
        Array.Sort(live, (a, b) => string.CompareOrdinal(_ids[a], _ids[b]));
        var moved = !_vectors.InFileStorage && !_options.KeepVectorsInMemory
            ? _vectors.MoveToFile(_ids.Count, _options.VectorFolder ?? Path.GetTempPath(), Model.Name)
            : null;
        try
        {
            var vectors = moved ?? _vectors;
            var quantizer = ScalarQuantizer.Fitted(MaxMagnitudes(vectors, live));
            var clusters = ClusterCount(live.Length, _options.ClusterSize);
            var trained = clusters > 1 ? CoarseClusters.Train(Sample(vectors, live, clusters * SamplePerCluster), dimension, clusters, cancellation) : null;

            var assigned = new int[live.Length];
            if (trained is not null)
            {
                const int RowsPerTask = 256;
                var parallel = new ParallelOptions { CancellationToken = cancellation };
                Parallel.For(0, (live.Length + RowsPerTask - 1) / RowsPerTask, parallel, () => new float[RowsPerTask * dimension], (task, _, rows) =>
                {
                    var (first, end) = (task * RowsPerTask, Math.Min(live.Length, (task + 1) * RowsPerTask));
                    for (var i = first; i < end; i++)
                    {
                        vectors.Read(live[i], rows.AsSpan((i - first) * dimension, dimension));
                    }

                    trained.NearestOfRows(rows.AsSpan(0, (end - first) * dimension), assigned.AsSpan(first, end - first));
                    return rows;
                }, _ => { });
            }

            var sizes = new int[clusters];
            foreach (var list in assigned)
            {
                sizes[list]++;
            }

            var lists = sizes.Select(size => new CodeList(dimension, size)).ToArray();
            var (listOf, slotOf) = (new int[_listOf.Length], new int[_slotOf.Length]);
            var code = new sbyte[dimension];
            for (var i = 0; i < live.Length; i++)
            {
                quantizer.Encode(vectors.View(live[i]), code);
                listOf[live[i]] = assigned[i];
                slotOf[live[i]] = lists[assigned[i]].Add(live[i], code);
            }

            return new TrainedLayout(moved, quantizer, trained, lists, listOf, slotOf, NextTraining(live.Length));
        }
        catch
        {
            moved?.Dispose();
            throw;
        }
    }

    /// <summary>Swaps a trained layout in; under the write lock.</summary>
    private void Adopt(TrainedLayout layout)
    {
        if (layout.MovedVectors is { } moved)
        {
            _vectors.Dispose();
            _vectors = moved;
        }

        (_quantizer, _clusters, _lists, _listOf, _slotOf, _nextTraining) =
            (layout.Quantizer, layout.Clusters, layout.Lists, layout.ListOf, layout.SlotOf, layout.NextTraining);
    }

    /// <summary>
    /// The clusters for <paramref name="papers"/>: about <paramref name="clusterSize"/> papers each when given; by default the
    /// square root of the papers or, up to <see cref="PreferredClusters"/>, as many clusters of <see cref="SmallestClusterSize"/>.
    /// </summary>
    /// <remarks>
    /// The square root alone left 273 clusters at 75,000 papers, so 64 probes scanned 23% of the codes; 1,000 clusters there
    /// scan 6.4%, for recall@10 0.980 against 0.992 at 0.97 ms of CPU a search against 1.63 (bench/results/search-latency.md).
    /// </remarks>
    internal static int ClusterCount(int papers, int? clusterSize)
    {
        var preferred = clusterSize is { } size
            ? papers / size
            : Math.Max((int)Math.Sqrt(papers), Math.Min(PreferredClusters, papers / SmallestClusterSize));
        return Math.Max(1, preferred);
    }

    /// <summary>Twice the papers trained on: retraining as the index doubles costs a constant factor over one training.</summary>
    private static int NextTraining(int trained) => (int)Math.Min(int.MaxValue, 2L * trained);

    private float[] MaxMagnitudes(FloatRows vectors, int[] live)
    {
        var largest = new float[Model.Dimension];
        foreach (var row in live)
        {
            var values = vectors.View(row);
            for (var d = 0; d < largest.Length; d++)
            {
                largest[d] = Math.Max(largest[d], Math.Abs(values[d]));
            }
        }

        return largest;
    }

    /// <summary>Up to <paramref name="size"/> rows at an even stride through the live ones, as one row-major matrix.</summary>
    private float[] Sample(FloatRows vectors, int[] live, int size)
    {
        var count = Math.Min(size, live.Length);
        var sample = new float[count * Model.Dimension];
        for (var i = 0; i < count; i++)
        {
            vectors.Read(live[(int)((long)i * live.Length / count)], sample.AsSpan(i * Model.Dimension, Model.Dimension));
        }

        return sample;
    }
}
