using Paperboy.Bench;

// Each benchmark is one command: dotnet run -c Release --project bench/Paperboy.Bench -- <command> [args]
// Results go to bench/results/<name>.md.
var commands = new Dictionary<string, (Func<string[], int> Run, string Help)>(StringComparer.Ordinal)
{
    ["import"] = (args => ImportBenchmark.Run(BenchArguments.Parse(args)), "[--file PATH] [--runs N]: import throughput and peak memory (default: the 75k arXiv sample)"),
    [ImportBenchmark.ChildCommand] = (ImportBenchmark.RunChild, "(internal) one reference measurement in a fresh process"),
    ["scifact-bm25"] = (args => ScifactKeywordEval.Run(BenchArguments.Parse(args)), "[--data DIR] [--qrels NAME]: BM25 quality and latency on SciFact (default qrels train.tsv)"),
    ["arxiv-bm25"] = (ArxivKeywordLatency.Run, "BM25 index build and query latency on the 75k arXiv sample"),
    ["embed"] = (args => EmbeddingBenchmark.Run(BenchArguments.Parse(args)), "[--count N]: embedding throughput, pipeline against raw ONNX Runtime"),
    ["web"] = (args => WebLoadBenchmark.Run(BenchArguments.Parse(args)), "[--seconds N] [--connections N]: wrk against paperboy serve over the 75k sample (needs wrk)"),
    ["search-latency"] = (args => SearchLatencyBenchmark.Run(BenchArguments.Parse(args)), "[--prepare] [--embed-only] [--queries N] [--sizes N,N] [--models A,B] [--no-sweep] [--keyword-only [--rounds N] [--limits N,N]]: hybrid and BM25 latency (--keyword-only: Lucene against the pruned keyword leg, no models), vector index recall and memory at 75k and 1M papers"),
    ["query-embed"] = (args => QueryEmbeddingBenchmark.Run(BenchArguments.Parse(args)), "[--queries N]: what embedding one search query costs, per model and thread setting"),
    ["scifact-dense"] = (args => SciFactDenseEval.Run(BenchArguments.Parse(args)), "--model arctic|minilm: dense retrieval quality on SciFact train"),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Paperboy.Bench -- <command> [args]");
    foreach (var (name, (_, help)) in commands)
    {
        Console.Error.WriteLine($"  {name} {help}");
    }

    return 2;
}

return command.Run(args[1..]);
