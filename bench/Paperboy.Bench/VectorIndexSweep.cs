using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Paperboy.Search.Vectors;

namespace Paperboy.Bench;

/// <summary>The alternatives to the chosen vector index, measured on the same vectors: other probe counts, no clusters, sign bits.</summary>
internal static class VectorIndexSweep
{
    public static IEnumerable<string[]> Run(VectorIndex index, string model, SyntheticVectors synthetic, float[][] queries, int[][] truth,
        HashSet<string>[] truthIds, BenchSetting setting, string folder)
    {
        var (probes, extra) = (index.Probes, index.ExtraCandidates);
        foreach (var (p, e) in new[] { (8, 100), (16, 100), (64, 100), (32, 300) })
        {
            Console.Error.WriteLine($"sweep {model}: probes {p}, extra {e}");
            (index.Probes, index.ExtraCandidates) = (p, e);
            yield return SizeRun.IndexRow(index, model, queries, truthIds, "");
        }

        (index.Probes, index.ExtraCandidates) = (probes, extra);
        if (model != setting.Embedders[0].Name)
        {
            // The structural alternatives are measured on the first model only: they take minutes each at 1M.
            yield break;
        }

        Console.Error.WriteLine($"sweep {model}: int8 without clusters");
        using (var flat = new VectorIndex(index.Model, new VectorIndexOptions { VectorFolder = folder, ClusterThreshold = 1_000, ClusterSize = int.MaxValue }))
        {
            var build = Stopwatch.StartNew();
            flat.UpsertRange(Enumerable.Range(0, synthetic.Rows).Select(row => (setting.Id(row), synthetic.Row(row).ToArray())));
            yield return SizeRun.IndexRow(flat, model, queries, truthIds, $"{build.Elapsed.TotalSeconds:F1} s");
        }

        foreach (var candidates in new[] { 500, 2000 })
        {
            Console.Error.WriteLine($"sweep {model}: sign bits, {candidates} candidates");
            yield return SignBits(synthetic, queries, truth, candidates, model);
        }
    }

    /// <summary>Binary quantisation: one bit per dimension, a Hamming-distance scan with popcount, exact rescoring of the nearest.</summary>
    private static string[] SignBits(SyntheticVectors synthetic, float[][] queries, int[][] truth, int candidates, string model)
    {
        var words = synthetic.Dimension / 64;
        var build = Stopwatch.StartNew();
        var bits = new ulong[(long)synthetic.Rows * words];
        Parallel.For(0, synthetic.Rows, row => Encode(synthetic.Row(row), bits.AsSpan(row * words, words)));
        build.Stop();
        var found = Enumerable.Range(0, queries.Length).Sum(q => Search(synthetic, bits, words, queries[q], candidates, 100).Take(10).Count(truth[q].Contains));
        var latency = LatencyStats.Measure(queries, q => Search(synthetic, bits, words, q, candidates, 100));
        var recall = (found / (10.0 * queries.Length)).ToString("F3", CultureInfo.InvariantCulture);
        return [$"sign bits (48 B a vector), Hamming scan on 2 threads, exact rescoring of {candidates}", model, "", recall,
            latency.P50, latency.P99, latency.CpuPerOperation, $"{build.Elapsed.TotalSeconds:F1} s"];
    }

    private static void Encode(ReadOnlySpan<float> vector, Span<ulong> code)
    {
        code.Clear();
        for (var d = 0; d < vector.Length; d++)
        {
            if (vector[d] > 0)
            {
                code[d / 64] |= 1UL << (d % 64);
            }
        }
    }

    private static List<int> Search(SyntheticVectors synthetic, ulong[] bits, int words, float[] query, int candidates, int k)
    {
        var encoded = new ulong[words];
        Encode(query, encoded);
        var parts = new List<(int Distance, int Row)>[2];
        Parallel.For(0, 2, part =>
        {
            // A max-heap on distance: its root is the farthest kept candidate.
            var kept = new PriorityQueue<int, int>(candidates + 1, Comparer<int>.Create((a, b) => b.CompareTo(a)));
            var (start, end) = (synthetic.Rows * part / 2, synthetic.Rows * (part + 1) / 2);
            for (var row = start; row < end; row++)
            {
                var distance = 0;
                var code = bits.AsSpan(row * words, words);
                for (var w = 0; w < words; w++)
                {
                    distance += BitOperations.PopCount(code[w] ^ encoded[w]);
                }

                if (kept.Count < candidates)
                {
                    kept.Enqueue(row, distance);
                }
                else if (kept.TryPeek(out _, out var farthest) && distance < farthest)
                {
                    kept.EnqueueDequeue(row, distance);
                }
            }

            parts[part] = kept.UnorderedItems.Select(i => (i.Priority, i.Element)).ToList();
        });
        return parts.SelectMany(p => p).OrderBy(p => p.Distance).ThenBy(p => p.Row).Take(candidates)
            .Select(p => (Score: TensorPrimitives.Dot(query, synthetic.Row(p.Row)), p.Row))
            .OrderByDescending(p => p.Score).Take(k).Select(p => p.Row).ToList();
    }
}
