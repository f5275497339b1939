using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Paperboy.Papers;
using Paperboy.Search.Keyword;
using Paperboy.Store;

namespace Paperboy.Bench;

/// <summary>Keyword index build time, size and query latency on the 75k arXiv sample, in an on-disk index.</summary>
/// <remarks>Arguments: [snapshot, default ../shared/data/arxiv/arxiv-metadata-75k.jsonl.gz]. Queries are the titles of
/// every 75th paper (free text), the same with a category or year filter, and filter-only listings.</remarks>
internal static class ArxivKeywordLatency
{
    private const int BatchSize = 5000;

    public static int Run(string[] args)
    {
        var snapshot = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "arxiv", "arxiv-metadata-75k.jsonl.gz");
        var papers = ReadSnapshot(snapshot);
        var folder = Directory.CreateTempSubdirectory("paperboy-bench-keyword-").FullName;
        try
        {
            using var index = KeywordIndex.Open(folder);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var build = Stopwatch.StartNew();
            for (var start = 0; start < papers.Count; start += BatchSize)
            {
                var batch = papers.Skip(start).Take(BatchSize).Select((p, i) => new PaperChange(start + i + 1, p.Id, p)).ToList();
                index.Apply(batch);
                index.Commit(batch[^1].Sequence);
            }

            build.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var bytes = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
            Console.WriteLine($"{papers.Count} papers indexed in {build.Elapsed.TotalSeconds:F1} s ({cpu.TotalSeconds:F1} s CPU), "
                + $"commit every {BatchSize}; index {bytes / 1e6:F1} MB on disk");

            var titles = papers.Where((_, i) => i % 75 == 0).Select(p => p.Title).ToList();
            Console.WriteLine();
            Console.WriteLine($"| queries ({titles.Count} each) | top | p50 | p99 | max | mean hits |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Measure(index, "title as free text", titles, 10);
            Measure(index, "title as free text", titles);
            Measure(index, "title + cat:cs.CV", titles.Select(t => t + " cat:cs.CV"));
            Measure(index, "title + year:2025", titles.Select(t => t + " year:2025"));
            Measure(index, "filter only: cat:cs.LG from:2025-06-01", titles.Select(_ => "cat:cs.LG from:2025-06-01"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Measure(KeywordIndex index, string name, IEnumerable<string> texts, int limit = 100)
    {
        var queries = texts.Select(SearchQueryParser.Parse).ToList();
        foreach (var query in queries)
        {
            index.Search(query, limit);
        }

        var latencies = new List<double>(queries.Count);
        long hits = 0;
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            hits += index.Search(query, limit).Count;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine($"| {name} | {limit} | {Percentile(latencies, 0.50):F2} ms | {Percentile(latencies, 0.99):F2} ms | "
            + $"{latencies[^1]:F2} ms | {(double)hits / queries.Count:F0} |");
    }

    /// <summary>Lucene's BooleanQuery (the peer) against the pruned keyword leg, on one index and the same queries.</summary>
    /// <remarks>
    /// First every query runs through both and their hits (ids, order, scores) are compared; then both are timed in
    /// <paramref name="rounds"/> rounds, alternating which goes first, so that a shared machine's load falls on both alike.
    /// CPU time is the process's, per query: what a query costs whatever else runs.
    /// </remarks>
    /// <param name="index">The keyword index.</param>
    /// <param name="texts">The queries, as typed in a search box.</param>
    /// <param name="limit">How many hits a query asks for.</param>
    /// <param name="rounds">How many times each leg runs every query, alternating which goes first.</param>
    /// <param name="listing">Whether the queries have no words (filters or exclusions alone), so both list newest first.</param>
    public static string CompareWithLucene(KeywordIndex index, IReadOnlyList<string> texts, int limit, int rounds, bool listing = false)
    {
        var queries = texts.Select(SearchQueryParser.Parse).ToList();
        var identical = queries.Count(q => index.SearchWithLucene(q, limit).SequenceEqual(index.Search(q, limit)));
        var (peer, ours, what) = listing
            ? ("Lucene (the peer): every match collected into a queue by day", "Paperboy: each segment's documents walked in day order", $"newest {limit}")
            : ("Lucene BM25 alone (the peer): BooleanQuery scoring every posting", "Paperboy keyword leg: MaxScore pruning over in-memory copies of the same postings", $"BM25 top {limit}");
        var legs = new (string Name, Func<SearchQuery, int> Search, List<double> Latencies, double[] Cpu)[]
        {
            (peer, q => index.SearchWithLucene(q, limit).Count, [], new double[rounds]),
            (ours, q => index.Search(q, limit).Count, [], new double[rounds]),
        };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var leg in round % 2 == 0 ? legs : legs.Reverse())
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var query in queries)
                {
                    var started = Stopwatch.GetTimestamp();
                    leg.Search(query);
                    leg.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                leg.Cpu[round] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / queries.Count;
            }
        }

        var rows = legs.Select(leg =>
        {
            leg.Latencies.Sort();
            return new[]
            {
                leg.Name, Milliseconds(Percentile(leg.Latencies, 0.50)), Milliseconds(Percentile(leg.Latencies, 0.99)),
                Milliseconds(leg.Latencies.Average()), Milliseconds(leg.Cpu.Average()),
                string.Join(", ", leg.Cpu.Select(Milliseconds)),
            };
        });
        return BenchReport.Table([$"{what}, {queries.Count} queries x {rounds} rounds", "p50", "p99", "mean", "CPU time per query", "CPU per query, each round"], rows)
            + $"\nIdentical hits (ids, order and float scores) from both for {identical} of {queries.Count} queries.\n";
    }

    private static string Milliseconds(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The papers of an arXiv metadata snapshot (JSON lines, gzip).</summary>
    public static List<Paper> ReadSnapshot(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var papers = new List<Paper>();
        while (reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string Text(string name) => root.GetProperty(name).GetString() ?? "";
            papers.Add(new Paper
            {
                Id = Text("id"),
                Title = Text("title"),
                Abstract = Text("abstract"),
                Authors = Text("authors").Split([", ", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Categories = Text("categories").Split(' ').Where(c => c.Length > 0 && char.IsAsciiLetter(c[0]) && !c.Contains(',')).ToList(),
                Listed = DateOnly.TryParse(Text("update_date"), out var day) ? day : null,
            });
        }

        return papers;
    }
}
