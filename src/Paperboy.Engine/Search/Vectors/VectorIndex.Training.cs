namespace Paperboy.Search.Vectors;

/// <summary>Training: fitting the int8 scales to the vectors and clustering them, when the index has grown enough.</summary>
public sealed partial class VectorIndex
{
    /// <summary>Sample rows per cluster for k-means: enough for stable centres at a small part of the cost of using all.</summary>
    private const int SamplePerCluster = 32;

    private void TrainIfDue()
    {
        var due = _lists is null ? _rows.Count >= _options.ClusterThreshold : _rows.Count >= _nextTraining;
        if (due)
        {
            Train();
        }
    }

    /// <summary>Refits the int8 scales, reclusters (when past the threshold) and rebuilds every cluster's codes.</summary>
    /// <remarks>Rows are visited in row order and the sample is a fixed stride, so the same index trains alike every time.</remarks>
    private void Train()
    {
        var dimension = Model.Dimension;
        var live = Enumerable.Range(0, _ids.Count).Where(row => _ids[row] is not null).ToArray();
        _quantizer = ScalarQuantizer.Fitted(MaxMagnitudes(live));
        var clusters = live.Length >= _options.ClusterThreshold ? Math.Max(2, live.Length / _options.ClusterSize) : 1;
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

    /// <summary>Twice the papers trained on, and never past the threshold while unclustered, so clusters come on time.</summary>
    private int NextTraining(int trained)
    {
        var doubled = (int)Math.Min(int.MaxValue, Math.Max(FirstFit, 2L * trained));
        return trained < _options.ClusterThreshold ? Math.Min(doubled, _options.ClusterThreshold) : doubled;
    }

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
