using System.Numerics.Tensors;
using Paperboy.Search.Vectors;

namespace Paperboy.Tests.Search.Vectors;

/// <summary>The k-means centres: training's four-rows-at-a-time assignment finds what one row at a time finds, and a query's nearest centres ranked by code are those a float scan finds.</summary>
public sealed class CoarseClustersTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(384)]
    [InlineData(20)]
    public void Assigning_rows_in_fours_picks_each_rows_nearest_centre(int dimension)
    {
        var random = new Random(3);
        var clusters = CoarseClusters.Train(UnitRows(random, 800, dimension), dimension, 25, TestContext.Current.CancellationToken);

        // 1,003 rows: the last three go one at a time.
        var rows = UnitRows(random, 1_003, dimension);
        var assigned = new int[1_003];
        clusters.AssignAll(rows, assigned);

        for (var row = 0; row < assigned.Length; row++)
        {
            var vector = rows.AsSpan(row * dimension, dimension);
            var nearest = clusters.Nearest(vector);
            Assert.Equal(Score(clusters, nearest, vector), Score(clusters, assigned[row], vector), 5);
        }
    }

    [Theory]
    [InlineData(384, 120, 64)]
    [InlineData(100, 40, 10)]
    [InlineData(20, 25, 3)]
    public void The_centres_ranked_by_their_codes_are_those_a_float_scan_of_every_centre_finds(int dimension, int count, int probes)
    {
        var random = new Random(dimension);
        var clusters = CoarseClusters.Train(UnitRows(random, 32 * count, dimension), dimension, count, TestContext.Current.CancellationToken);
        var queries = UnitRows(random, 200, dimension);

        // Beside random unit queries: one that leans on a single dimension, one far from unit length and one so short that
        // its codes' scale factor would overflow a float.
        var skewed = new float[dimension];
        skewed[dimension / 2] = 1;
        skewed[0] = 1e-4f;
        foreach (var query in Enumerable.Range(0, 200).Select(q => queries.AsSpan(q * dimension, dimension).ToArray()).Append(skewed).Append(queries.Take(dimension).Select(x => x * 40).ToArray()).Append(queries.Take(dimension).Select(x => x * 1e-34f).ToArray()))
        {
            var all = new int[count];
            clusters.Nearest(query, all, new float[count]);
            var nearest = new int[probes];
            var scores = new float[probes];
            clusters.Nearest(query, nearest, scores);

            Assert.Equal(all.Take(probes), nearest);
            Assert.True(scores.Zip(scores.Skip(1)).All(pair => pair.First >= pair.Second), "closest first");
        }
    }

    [Fact]
    public void A_cancelled_training_stops_before_its_first_pass() =>
        Assert.Throws<OperationCanceledException>(() => CoarseClusters.Train(UnitRows(new Random(3), 800, 32), 32, 25, new CancellationToken(true)));

    private static float Score(CoarseClusters clusters, int centre, ReadOnlySpan<float> vector)
    {
        var nearest = new int[clusters.Count];
        var scores = new float[clusters.Count];
        clusters.Nearest(vector, nearest, scores);
        return scores[Array.IndexOf(nearest, centre)];
    }

    private static float[] UnitRows(Random random, int count, int dimension)
    {
        var rows = new float[count * dimension];
        for (var row = 0; row < count; row++)
        {
            var vector = rows.AsSpan(row * dimension, dimension);
            for (var d = 0; d < dimension; d++)
            {
                vector[d] = (float)((random.NextDouble() * 2) - 1);
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        }

        return rows;
    }
}
