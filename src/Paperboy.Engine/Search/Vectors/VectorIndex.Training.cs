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

    private void TrainIfDue()
    {
        if (_rows.Count >= (_lists is null ? _options.ClusterThreshold : _nextTraining))
        {
            Train();
        }
    }

    /// <summary>Moves the floats to their file, refits the int8 scales, reclusters and rebuilds every cluster's codes.</summary>
    /// <remarks>Rows are visited in row order and the sample is a fixed stride, so the same index trains alike every time.</remarks>
    private void Train()
    {
        var dimension = Model.Dimension;
        var live = Enumerable.Range(0, _ids.Count).Where(row => _ids[row] is not null).ToArray();
        if (!_vectors.InFileStorage && !_options.KeepVectorsInMemory)
        {
            var moved = _vectors.MoveToFile(_ids.Count, _options.VectorFolder ?? Path.GetTempPath(), Model.Name);
            _vectors.Dispose();
            _vectors = moved;
        }

        _quantizer = ScalarQuantizer.Fitted(MaxMagnitudes(live));
        var clusters = ClusterCount(live.Length, _options.ClusterSize);
        _clusters = clusters > 1 ? CoarseClusters.Train(Sample(live, clusters * SamplePerCluster), dimension, clusters) : null;

        var assigned = new int[live.Length];
        if (_clusters is { } trained)
        {
            Parallel.For(0, Environment.ProcessorCount, worker =>
            {
                var buffer = new float[dimension];
                for (var i = worker; i < live.Length; i += Environment.ProcessorCount)
                {
                    assigned[i] = trained.Nearest(_vectors.View(live[i], buffer));
                }
            });
        }

        var sizes = new int[clusters];
        foreach (var list in assigned)
        {
            sizes[list]++;
        }

        var lists = sizes.Select(size => new CodeList(dimension, size)).ToArray();
        var vector = new float[dimension];
        var code = new sbyte[dimension];
        for (var i = 0; i < live.Length; i++)
        {
            _quantizer.Encode(_vectors.View(live[i], vector), code);
            _listOf[live[i]] = assigned[i];
            _slotOf[live[i]] = lists[assigned[i]].Add(live[i], code);
        }

        _lists = lists;
        _nextTraining = NextTraining(live.Length);
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

    private float[] MaxMagnitudes(int[] live)
    {
        var largest = new float[Model.Dimension];
        var vector = new float[Model.Dimension];
        foreach (var row in live)
        {
            var values = _vectors.View(row, vector);
            for (var d = 0; d < largest.Length; d++)
            {
                largest[d] = Math.Max(largest[d], Math.Abs(values[d]));
            }
        }

        return largest;
    }

    /// <summary>Up to <paramref name="size"/> rows at an even stride through the live ones, as one row-major matrix.</summary>
    private float[] Sample(int[] live, int size)
    {
        var count = Math.Min(size, live.Length);
        var sample = new float[count * Model.Dimension];
        for (var i = 0; i < count; i++)
        {
            _vectors.Read(live[(int)((long)i * live.Length / count)], sample.AsSpan(i * Model.Dimension, Model.Dimension));
        }

        return sample;
    }
}
