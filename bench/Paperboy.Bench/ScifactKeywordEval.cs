using System.Diagnostics;
using Paperboy.Papers;
using Paperboy.Search.Evaluation;
using Paperboy.Search.Keyword;
using Paperboy.Store;

namespace Paperboy.Bench;

/// <summary>BEIR SciFact through the keyword (BM25) leg: quality on the train split and query latency.</summary>
/// <remarks>Options: <c>--data</c> folder (default ../shared/data/beir-scifact), <c>--qrels</c> file name in its qrels folder (default train.tsv).</remarks>
internal static class ScifactKeywordEval
{
    private const int Depth = 100;

    public static int Run(BenchArguments options)
    {
        var folder = options.SciFactFolder();
        var qrelsName = options.Get("qrels") ?? "train.tsv";
        var judgments = RelevanceJudgments.Load(Path.Combine(folder, "qrels", qrelsName));
        var queries = BeirDataset.ReadQueries(Path.Combine(folder, "queries.jsonl")).ToList();

        using var index = KeywordIndex.InMemory();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var indexing = Stopwatch.StartNew();
        var documents = BeirDataset.ReadCorpus(Path.Combine(folder, "corpus.jsonl"))
            .Select((d, i) => new PaperChange(i + 1, d.Id, new Paper { Id = d.Id, Title = d.Title, Abstract = d.Text }))
            .ToList();
        index.Apply(documents);
        index.Commit(documents.Count);
        indexing.Stop();
        var indexingCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        // One untimed pass warms the JIT and the caches; the timed pass is the second.
        var parsed = queries.Select(q => (q.Id, Query: SearchQueryParser.Parse(q.Text))).ToList();
        foreach (var (_, query) in parsed)
        {
            index.Search(query, Depth);
        }

        var (run, latencies) = RunAll(index, parsed);

        // The same words with no query syntax (quotes and dashes as plain text), as the reference run built its queries.
        var bagOfWords = queries.Select(q => (q.Id, Query: new SearchQuery { Terms = q.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries) }));
        var (plainRun, _) = RunAll(index, bagOfWords.ToList());

        Console.WriteLine($"corpus: {documents.Count} documents indexed in {indexing.Elapsed.TotalSeconds:F1} s "
            + $"({indexingCpu.TotalSeconds:F1} s CPU, reading the corpus included; in memory)");
        Console.WriteLine($"qrels: {qrelsName}, {judgments.ByQuery.Count} judged queries; BM25 k1={KeywordIndex.K1} b={KeywordIndex.B}, "
            + "one title+abstract field, EnglishAnalyzer");
        Console.WriteLine();
        Console.WriteLine("| queries | nDCG@10 | recall@100 | MRR@10 |");
        Console.WriteLine("|---|---|---|---|");
        Row("through SearchQueryParser", RetrievalEvaluation.Score(run, judgments));
        Row("bag of words (no query syntax)", RetrievalEvaluation.Score(plainRun, judgments));
        Console.WriteLine();
        Console.WriteLine($"latency over {latencies.Count} queries (top {Depth}, parse excluded): p50 {Percentile(latencies, 0.50):F2} ms, "
            + $"p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
        return 0;
    }

    private static void Row(string name, RetrievalScores scores) =>
        Console.WriteLine($"| {name} | {scores.NdcgAt10:F4} | {scores.RecallAt100:F4} | {scores.MrrAt10:F4} |");

    private static (Dictionary<string, IReadOnlyList<string>> Run, List<double> SortedLatencies) RunAll(
        KeywordIndex index, List<(string Id, SearchQuery Query)> queries)
    {
        var run = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var latencies = new List<double>(queries.Count);
        foreach (var (id, query) in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = index.Search(query, Depth);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            run[id] = hits.Select(h => h.Id).ToList();
        }

        latencies.Sort();
        return (run, latencies);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
