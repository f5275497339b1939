using System.Diagnostics;
using System.Globalization;
using System.Text;
using Paperboy.Search;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;
using Paperboy.Store;

namespace Paperboy.Bench;

/// <summary>Every measurement at one corpus size: exact scan, index build, recall, memory, hybrid and BM25 latency.</summary>
internal static class SizeRun
{
    public static SizeResult Measure(BenchSetting setting, int size)
    {
        var (keyword, _) = SyntheticCorpus.KeywordIndexOf(setting.Papers, size);
        var folder = Directory.CreateDirectory(Path.Combine(BenchReport.ResultsFolder(), "cache", "vector-files")).FullName;
        var legs = new List<SemanticLeg>();
        var text = new StringBuilder();
        var vectorRows = new List<string[]>();
        var sweepRows = new List<string[]>();
        try
        {
            var before = ProcessMemory.Now();
            for (var m = 0; m < setting.Embedders.Count; m++)
            {
                var embedder = setting.Embedders[m];
                Console.Error.WriteLine($"{size}: {embedder.Name} vectors");
                using var synthetic = SyntheticVectors.Replicate(setting.Real[m], size, seed: m);
                var queries = setting.QueryVectors[m];
                var truth = new int[queries.Length][];
                var exact2 = LatencyStats.Measure(Enumerable.Range(0, queries.Length).ToList(), q => truth[q] = synthetic.TopK(queries[q], 10, 2));
                var exact1 = LatencyStats.Measure(Enumerable.Range(0, Math.Min(40, queries.Length)).ToList(), q => synthetic.TopK(queries[q], 10, 1), warmUp: 3);
                var truthIds = truth.Select(rows => rows.Select(setting.Id).ToHashSet(StringComparer.Ordinal)).ToArray();

                var index = new VectorIndex(new EmbeddingModel(embedder.Name, embedder.Version, embedder.Dimension), new VectorIndexOptions { VectorFolder = folder });
                legs.Add(new SemanticLeg(embedder, index));
                var build = Stopwatch.StartNew();
                index.UpsertRange(Enumerable.Range(0, size).Select(row => (setting.Id(row), synthetic.Row(row).ToArray())));
                build.Stop();
                Console.Error.WriteLine($"{size}: {embedder.Name} index built in {build.Elapsed.TotalSeconds:F1} s: {index.Layout}");
                vectorRows.Add(["raw exact SIMD scan, 1 thread (float32 in memory)", embedder.Name, "1.000", "", exact1.P50, exact1.P99, exact1.CpuPerOperation, ""]);
                vectorRows.Add(["raw exact SIMD scan, 2 threads (float32 in memory)", embedder.Name, "1.000", "", exact2.P50, exact2.P99, exact2.CpuPerOperation, ""]);
                vectorRows.Add(IndexRow(index, embedder.Name, queries, truthIds, $"{build.Elapsed.TotalSeconds:F1} s"));
                if (setting.Sweep && size >= 1_000_000)
                {
                    sweepRows.AddRange(VectorIndexSweep.Run(index, embedder.Name, synthetic, queries, truth, truthIds, setting, folder));
                }
            }

            var after = ProcessMemory.Now();
            var hybrid = new HybridSearch(keyword, legs);
            var texts = setting.Queries;
            var name = $"hybrid: BM25 + {string.Join(" + ", legs.Select(l => l.Name))}, fused (query embedding included)";
            var firstPass = Row(name + ", first pass: each word's postings copied into memory at its first use", LatencyStats.Measure(texts, q => hybrid.Search(q, 10), warmUp: 0));
            var latencyRows = new List<string[]>
            {
                Row(name + ", again (steady state)", LatencyStats.Measure(texts, q => hybrid.Search(q, 10))),
                firstPass,
                Row("Lucene BM25 alone (the peer: its own BooleanQuery search, top 10), same corpus and queries", LatencyStats.Measure(texts, q => keyword.SearchWithLucene(SearchQueryParser.Parse(q), 10))),
                Row("Paperboy's keyword leg alone (pruned BM25, top 10)", LatencyStats.Measure(texts, q => hybrid.Search(q, 10, SearchMode.Keyword))),
                Row("part: the hybrid's keyword leg (pruned BM25, top 100 for fusion)", LatencyStats.Measure(texts, q => keyword.Search(SearchQueryParser.Parse(q), 100))),
                Row("semantic legs alone (query embedding included)", LatencyStats.Measure(texts, q => hybrid.Search(q, 10, SearchMode.Semantic))),
            };
            foreach (var leg in legs)
            {
                latencyRows.Add(Row($"part: query embedding, {leg.Name}", LatencyStats.Measure(texts, q => leg.Embedder.EmbedQuery(q))));
            }

            text.AppendLine(BenchReport.MachineLine());
            text.AppendLine();
            text.Append(BenchReport.Table(["query latency, top 10", "p50", "p99", "mean", "CPU time per query"], latencyRows));
            text.AppendLine();
            text.Append(BenchReport.Table(_vectorHeader, vectorRows));
            if (sweepRows.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("Alternatives measured on the same vectors and queries (top 100 per search, as the hybrid asks):");
                text.AppendLine();
                text.Append(BenchReport.Table(_vectorHeader, sweepRows));
            }

            text.AppendLine();
            text.AppendLine(Memory(before, after, folder, size));
            text.AppendLine();
            text.AppendLine($"After the searches: process RSS {ProcessMemory.Now().Describe()}, the keyword postings of the queries' words now copied into memory.");
            return new SizeResult(size, text.ToString());
        }
        finally
        {
            legs.ForEach(l => l.Index.Dispose());
            keyword.Dispose();
        }
    }

    /// <summary>Recall of the index against exact search, at top 10 and as the top 10 of a top-100 search, and the latency of the latter.</summary>
    public static string[] IndexRow(VectorIndex index, string model, float[][] queries, HashSet<string>[] truth, string build)
    {
        double found10 = 0, found100 = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            found10 += index.Search(queries[q], 10).Count(h => truth[q].Contains(h.Id));
            found100 += index.Search(queries[q], 100).Take(10).Count(h => truth[q].Contains(h.Id));
        }

        var latency = LatencyStats.Measure(queries, q => index.Search(q, 100));
        return [$"VectorIndex: {index.Layout}, {index.ExtraCandidates} extra candidates", model,
            (found10 / (10.0 * queries.Length)).ToString("F3", CultureInfo.InvariantCulture),
            (found100 / (10.0 * queries.Length)).ToString("F3", CultureInfo.InvariantCulture), latency.P50, latency.P99, latency.CpuPerOperation, build];
    }

    private static readonly string[] _vectorHeader = ["vector search (top 10 for the exact scan, top 100 otherwise)", "model", "recall@10 vs exact", "recall@10 of top 100", "p50", "p99", "CPU per search", "build"];

    private static string[] Row(string name, LatencyStats stats) => [name, stats.P50, stats.P99, stats.Mean, stats.CpuPerOperation];

    private static string Memory(ProcessMemory before, ProcessMemory after, string folder, int size)
    {
        // Only this process's files: another benchmark may be running beside it.
        var vectorFiles = new DirectoryInfo(folder).EnumerateFiles($"*-{Environment.ProcessId}-*").Sum(f => f.Length);
        var keywordBytes = SyntheticCorpus.KeywordBytes(size);
        return $"Memory: process RSS {before.Describe()} with the keyword index open and the models loaded, "
            + $"{after.Describe()} once the vector indexes are loaded (after a full GC; the synthetic source vectors, held "
            + $"in native memory while building, are freed): the vector indexes take {(after.AnonymousBytes - before.AnonymousBytes) / 1e9:F2} GB "
            + $"of anonymous memory. Files: float32 vectors {vectorFiles / 1e9:F2} GB (read for rescoring through a memory mapping: in the OS file cache, file-backed pages of the process, not anonymous memory), "
            + $"keyword index {keywordBytes / 1e9:F2} GB (memory-mapped by Lucene).";
    }
}
