using System.Numerics.Tensors;
using Paperboy.Search.Vectors;

namespace Paperboy.Tests.Search.Vectors;

/// <summary>The k-means centres: training's four-rows-at-a-time assignment finds what one row at a time finds.</summary>
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
