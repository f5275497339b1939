using System.Globalization;
using System.Text;
using Paperboy.Papers;
using Paperboy.Search.Embeddings;

namespace Paperboy.Bench;

/// <summary>Hybrid search latency, vector index recall and memory at the real 75k corpus and at 1M papers.</summary>
/// <remarks>
/// Keyword leg: the real 75k arXiv papers (repeated under new ids up to 1M). Semantic legs: real vectors of the demo
/// corpus's papers, replicated with noise to the same size (embedding 75k papers would take most of an hour).
/// Queries: titles of arXiv papers, embedded by the real models at query time.
/// </remarks>
internal static class SearchLatencyBenchmark
{
    public const string Name = "search-latency";
    private const string Title = "Search latency, vector index recall and memory";
    private static readonly string[] _modelNames = [TextEmbedders.MiniLm];

    public static int Run(BenchArguments options)
    {
        var snapshot = options.Get("snapshot") ?? BenchReport.SharedData(Path.Combine("arxiv", "arxiv-metadata-75k.jsonl.gz"));
        var papers = ArxivKeywordLatency.ReadSnapshot(snapshot);
        if (options.Get("prepare") is not null)
        {
            foreach (var size in new[] { papers.Count, 1_000_000 })
            {
                var (index, seconds) = SyntheticCorpus.KeywordIndexOf(papers, size);
                Console.WriteLine($"keyword index of {index.Count} papers ready ({seconds:F0} s)");
                index.Dispose();
            }

            return 0;
        }

        if (options.Get("keyword-only") is not null)
        {
            return KeywordOnly(options, papers);
        }

        var demo = DemoVectors.Papers();
        var modelNames = options.Get("models")?.Split(',') ?? _modelNames;
        // As paperboy serve embeds queries: int8 weight products, one thread per model run.
        var embedders = modelNames.Select(name => (OnnxSentenceEmbedder)TextEmbedders.Create(name, new OnnxEmbedderOptions { IntraOpThreads = 1, QuantizedQueries = true })).ToList();
        try
        {
            var real = embedders.Select(e => DemoVectors.Of(e, demo)).ToList();
            if (options.Get("embed-only") is not null)
            {
                return 0;
            }

            var queries = Queries(papers, options.GetInt("queries", 300));
            var queryVectors = embedders.Select(e => queries.Select(e.EmbedQuery).ToArray()).ToList();
            var sizes = Sizes(options, papers);
            var setting = new BenchSetting(papers, embedders, real, queries, queryVectors, options.Get("no-sweep") is null);
            BenchReport.WriteSection(Name, Title, "Setup", Setup(setting));
            foreach (var size in sizes)
            {
                // Each size's section is written as soon as it is measured, so a later failure keeps it.
                var result = SizeRun.Measure(setting, size);
                BenchReport.WriteSection(Name, Title, $"{size:N0} papers: BM25 + {string.Join(" + ", modelNames)}", result.Markdown);
                Console.WriteLine(result.Markdown);
            }

            return 0;
        }
        finally
        {
            embedders.ForEach(e => e.Dispose());
        }
    }

    /// <summary>The keyword leg alone: Lucene's own search (the peer) against the pruned one, at each size, no models loaded.</summary>
    private static int KeywordOnly(BenchArguments options, List<Paper> papers)
    {
        var count = options.GetInt("queries", 300);
        var queries = Queries(papers, count);
        var rounds = options.GetInt("rounds", 3);
        var limits = (options.Get("limits") ?? "100,10").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        foreach (var size in Sizes(options, papers))
        {
            var (index, _) = SyntheticCorpus.KeywordIndexOf(papers, size);
            using (index)
            {
                var text = new StringBuilder();
                text.AppendLine(CultureInfo.InvariantCulture, $"Command: `nice dotnet run -c Release --project bench/Paperboy.Bench -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}`.");
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"""
                    The same {index.Count:N0}-paper keyword index and {queries.Count} queries (distinct arXiv titles, as above), through
                    `KeywordIndex.SearchWithLucene` (Lucene.NET 4.8's BooleanQuery of SHOULD TermQuerys, which scores every posting of
                    every word) and `KeywordIndex.Search` (`MaxScoreSearch`: MaxScore pruning over in-memory copies of the postings, which the first round makes), ids read from the uninverted id terms in both.
                    """);
                foreach (var limit in limits)
                {
                    text.AppendLine();
                    text.Append(ArxivKeywordLatency.CompareWithLucene(index, queries, limit, rounds));
                }

                // Filters and exclusions add nothing to a score, so the pruned leg takes them too: a broad and a narrower
                // category, the busiest listing day (few papers, visited one by one), and an exclusion.
                var day = papers.Where(p => p.Listed is not null).GroupBy(p => p.Listed!.Value).MaxBy(g => g.Count())!.Key;
                foreach (var restriction in new[] { "cat:cs", "cat:q-bio", $"from:{day:yyyy-MM-dd} to:{day:yyyy-MM-dd}", "-model" })
                {
                    text.AppendLine();
                    text.AppendLine(CultureInfo.InvariantCulture, $"Each title followed by `{restriction}`:");
                    text.AppendLine();
                    text.Append(ArxivKeywordLatency.CompareWithLucene(index, queries.ConvertAll(q => $"{q} {restriction}"), limits[0], rounds));
                }

                // Filters and exclusions alone list their papers newest first: each query paper's own category (varied),
                // the same exclusion, the busiest day.
                var listings = new (string Name, List<string> Texts)[]
                {
                    ("each query paper's first category alone (`cat:cs.LG`, ...)", QueryPapers(papers, count).Where(p => p.Categories.Count > 0).Select(p => $"cat:{p.Categories[0]}").ToList()),
                    ("`-model` alone", [.. Enumerable.Repeat("-model", queries.Count)]),
                    ($"`from:{day:yyyy-MM-dd} to:{day:yyyy-MM-dd}` alone", [.. Enumerable.Repeat($"from:{day:yyyy-MM-dd} to:{day:yyyy-MM-dd}", queries.Count)]),
                };
                foreach (var (name, texts) in listings)
                {
                    text.AppendLine();
                    text.AppendLine(CultureInfo.InvariantCulture, $"No words, {name}: listed newest first.");
                    text.AppendLine();
                    text.Append(ArxivKeywordLatency.CompareWithLucene(index, texts, limits[0], rounds, listing: true));
                }

                text.AppendLine();
                text.AppendLine(BenchReport.MachineLine());
                BenchReport.WriteSection(Name, Title, $"{size:N0} papers: BM25 alone, Lucene (the peer) against the pruned keyword leg", text.ToString());
                Console.WriteLine(text);
            }
        }

        return 0;
    }

    private static List<string> Queries(List<Paper> papers, int count) =>
        QueryPapers(papers, count).Select(p => p.Title).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Papers spread evenly through the sample, whose titles are the queries.</summary>
    private static List<Paper> QueryPapers(List<Paper> papers, int count)
    {
        var stride = papers.Count / count;
        return papers.Where((_, i) => i % stride == stride / 2).ToList();
    }

    private static List<int> Sizes(BenchArguments options, List<Paper> papers) =>
        (options.Get("sizes") ?? $"{papers.Count},1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    private static string Setup(BenchSetting setting)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `nice dotnet run -c Release --project bench/Paperboy.Bench -- {Name}`.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"""
            Data. Keyword leg: the real {setting.Papers.Count:N0} arXiv papers of `../shared/data/arxiv/arxiv-metadata-75k.jsonl.gz`,
            and for 1M the same papers repeated under new ids (BM25 over 13 copies of each text), each index built once through
            `KeywordIndex.Apply`/`Commit`, compacted, and cached under `bench/results/cache`. Semantic legs: embedding 75k papers
            with the real models would take about 50 minutes here, so the vectors are the real vectors ({string.Join(", ", setting.Embedders.Select(e => e.Name))})
            of the demo corpus's {setting.Real[0].Length:N0} papers (title + abstract, the demo's shipped vectors), replicated to the
            corpus size with Gaussian noise of sigma {SyntheticVectors.Sigma} per dimension and re-normalised (a copy keeps a cosine
            of about 0.93 with its original), paper i getting copy i of demo paper i mod {setting.Real[0].Length:N0}.
            Queries: {setting.Queries.Count} distinct titles of arXiv papers spread through the sample, embedded by the real models
            at query time as `paperboy serve` embeds them (int8 weight products, one thread a model run). Each hybrid query runs
            BM25 (top 100), embeds the query with each model and searches each vector index (top 100), then fuses (convex, the
            default). The first pass over the queries is timed on its own: it copies each word's postings into memory at the
            word's first use (see Design below); every other row runs after 20 warm-up queries.
            """);
        return text.ToString();
    }
}

/// <summary>What every size of a run shares: the corpus, the models, their real vectors and the queries.</summary>
internal sealed record BenchSetting(
    List<Paper> Papers,
    List<OnnxSentenceEmbedder> Embedders,
    List<float[][]> Real,
    List<string> Queries,
    List<float[][]> QueryVectors,
    bool Sweep)
{
    /// <summary>The id of row <paramref name="row"/>, the same in the keyword and vector indexes.</summary>
    public string Id(int row) => SyntheticCorpus.CopyId(Papers[row % Papers.Count].Id, row / Papers.Count);
}

/// <summary>One size's results as a markdown section.</summary>
internal sealed record SizeResult(int Size, string Markdown);
