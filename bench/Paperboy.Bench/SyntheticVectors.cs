using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Paperboy.Bench;

/// <summary>
/// Real document vectors replicated to any number of rows, each copy perturbed by Gaussian noise and re-normalised,
/// held outside the managed heap so that freeing them gives the memory back before the index's memory is measured.
/// </summary>
internal sealed unsafe class SyntheticVectors : IDisposable
{
    /// <summary>Noise per dimension: a copy keeps a cosine of about 0.93 with its original (1 / sqrt(1 + 384 sigma^2)).</summary>
    public const float Sigma = 0.02f;

    private float* _data;

    private SyntheticVectors(int rows, int dimension)
    {
        Rows = rows;
        Dimension = dimension;
        _data = (float*)NativeMemory.Alloc((nuint)rows * (nuint)dimension, sizeof(float));
    }

    public int Rows { get; }

    public int Dimension { get; }

    /// <summary>Row i is <paramref name="real"/>[i mod count] plus noise seeded by i and <paramref name="seed"/>, normalised.</summary>
    public static SyntheticVectors Replicate(float[][] real, int rows, int seed)
    {
        var vectors = new SyntheticVectors(rows, real[0].Length);
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            for (var row = worker; row < rows; row += Environment.ProcessorCount)
            {
                var random = new Random((row * 7) + seed);
                var target = vectors.Row(row);
                real[row % real.Length].CopyTo(target);
                for (var d = 0; d < target.Length; d++)
                {
                    // Box-Muller: one standard normal from two uniforms.
                    var u = 1f - random.NextSingle();
                    target[d] += Sigma * MathF.Sqrt(-2f * MathF.Log(u)) * MathF.Cos(2f * MathF.PI * random.NextSingle());
                }

                TensorPrimitives.Divide(target, TensorPrimitives.Norm(target), target);
            }
        });
        return vectors;
    }

    public Span<float> Row(int row) => new(_data + ((long)row * Dimension), Dimension);

    /// <summary>The rows of the <paramref name="k"/> highest dot products with <paramref name="query"/>, best first, scanning with <paramref name="threads"/> threads.</summary>
    public int[] TopK(float[] query, int k, int threads)
    {
        var parts = new List<(float Score, int Row)>[threads];
        Parallel.For(0, threads, part =>
        {
            var best = new List<(float Score, int Row)>(k + 1);
            var floor = float.NegativeInfinity;
            var (start, end) = ((int)((long)Rows * part / threads), (int)((long)Rows * (part + 1) / threads));
            for (var row = start; row < end; row++)
            {
                var score = TensorPrimitives.Dot(query, Row(row));
                if (best.Count == k && score <= floor)
                {
                    continue;
                }

                var at = best.FindIndex(b => b.Score < score);
                best.Insert(at < 0 ? best.Count : at, (score, row));
                if (best.Count > k)
                {
                    best.RemoveAt(k);
                }

                floor = best.Count == k ? best[^1].Score : float.NegativeInfinity;
            }

            parts[part] = best;
        });
        return parts.SelectMany(p => p).OrderByDescending(p => p.Score).ThenBy(p => p.Row).Take(k).Select(p => p.Row).ToArray();
    }

    public void Dispose()
    {
        NativeMemory.Free(_data);
        _data = null;
    }
}
