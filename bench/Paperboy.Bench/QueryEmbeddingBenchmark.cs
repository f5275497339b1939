using System.Diagnostics;
using System.Globalization;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Evaluation;

namespace Paperboy.Bench;

/// <summary>What one search query's embedding costs: one at a time, two callers at once, and in batches, per model and thread setting.</summary>
internal static class QueryEmbeddingBenchmark
{
    public static int Run(BenchArguments options)
    {
        var count = options.GetInt("queries", 400);
        var queries = BeirDataset.ReadQueries(Path.Combine(options.SciFactFolder(), "queries.jsonl")).Select(q => q.Text).Take(count).ToArray();
        var header = new[] { "model", "weights", "intra-op threads", "one at a time p50", "p99", "CPU/query", "2 callers queries/s", "batches of 8 queries/s", "batches of 32 queries/s" };
        var rows = new List<string[]>();
        foreach (var model in new[] { SentenceModel.MiniLmL6V2, SentenceModel.ArcticEmbedXs })
        {
            foreach (var (threads, quantized) in new[] { (1, false), (Environment.ProcessorCount, false), (1, true), (Environment.ProcessorCount, true) }.Distinct())
            {
                using var embedder = new OnnxSentenceEmbedder(model, new OnnxEmbedderOptions { IntraOpThreads = threads, QuantizedQueries = quantized });
                var sequential = LatencyStats.Measure(queries, q => embedder.EmbedQuery(q));
                var row = new[]
                {
                    model.Name, quantized ? "int8" : "float", threads.ToString(CultureInfo.InvariantCulture), sequential.P50, sequential.P99,
                    sequential.CpuPerOperation, Format(Concurrent(embedder, queries, 2)), Format(Batched(embedder, queries, 8)), Format(Batched(embedder, queries, 32)),
                };
                Console.WriteLine(string.Join(" | ", row));
                rows.Add(row);
            }
        }

        var body =
            $"`dotnet run -c Release --project bench/Paperboy.Bench -- query-embed --queries {count}`: the first {queries.Length} SciFact claims " +
            "embedded as search queries (query prefix, no padding when alone). int8: `QuantizedQueries`, the weight products run in int8 " +
            "(`DynamicQuantization`; the ranking cost of that is in search.md). \"2 callers\" runs two threads each embedding one query at a time, " +
            "as two concurrent web requests do; the batch columns embed that many queries in one model run, padded to the longest.\n\n" +
            BenchReport.Table(header, rows);
        BenchReport.Write("query-embedding", "Query embedding cost", body);
        return 0;
    }

    private static double Concurrent(OnnxSentenceEmbedder embedder, string[] queries, int callers)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, callers).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < queries.Length)
            {
                embedder.EmbedQuery(queries[i]);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return queries.Length / clock.Elapsed.TotalSeconds;
    }

    private static double Batched(OnnxSentenceEmbedder embedder, string[] queries, int size)
    {
        var batches = queries.Chunk(size).Select(b => embedder.Tokenize(b, queries: true)).ToArray();
        embedder.EmbedQueries(batches[0]);
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            embedder.EmbedQueries(batch);
        }

        return queries.Length / clock.Elapsed.TotalSeconds;
    }

    private static string Format(double value) => value.ToString(value < 10 ? "0.00" : "0", CultureInfo.InvariantCulture);
}
