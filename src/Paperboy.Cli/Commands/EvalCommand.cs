using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Paperboy.Cli.Terminal;
using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Evaluation;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;
using Paperboy.Store.Sqlite;
using Spectre.Console;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy eval</c>: retrieval quality on a BEIR benchmark, for BM25, each embedding model and the hybrid, side by side.</summary>
internal static class EvalCommand
{
    private const int Depth = 100;

    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "BEIR folder holding corpus.jsonl (or the corpus file itself)", Required = true, HelpName = "DIR" };
        var queries = new Option<string>("--queries") { Description = "BEIR queries.jsonl", Required = true, HelpName = "FILE" };
        var qrels = new Option<string>("--qrels") { Description = "Relevance judgments: query-id<TAB>corpus-id<TAB>score", Required = true, HelpName = "FILE" };
        var mode = new Option<string>("--mode") { Description = "Which rows: all, keyword, semantic or hybrid", DefaultValueFactory = _ => "all" };
        mode.AcceptOnlyFromAmong("all", "keyword", "semantic", "hybrid");
        var embedder = SearchIndexes.EmbedderOption($"Embedding models to evaluate [default: {TextEmbedders.ArcticEmbedXs},{TextEmbedders.MiniLm}]");
        var fusion = SearchCommand.FusionOption();
        var weight = SearchCommand.WeightOption();
        var quantized = new Option<bool>("--quantized-queries") { Description = "Embed the queries with each model's weight products in int8, as serve does; papers stay float" };
        var work = new Option<string?>("--work") { Description = "Keep the scratch store here, so a rerun reuses its vectors [default: a temporary folder, deleted]", HelpName = "DIR" };
        var json = PaperboyCommandLine.Json();
        var command = new Command("eval", "Score BM25, each embedding model and the hybrid on a BEIR benchmark (nDCG@10, recall@100, MRR@10)")
        {
            corpus, queries, qrels, mode, embedder, fusion, weight, quantized, work, json,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var embedders = TextEmbedders.CreateAll(
                parsed.GetValue(embedder) ?? $"{TextEmbedders.ArcticEmbedXs},{TextEmbedders.MiniLm}",
                new OnnxEmbedderOptions { QuantizedQueries = parsed.GetValue(quantized) });
            var judgments = RelevanceJudgments.Load(Existing("--qrels", parsed.GetValue(qrels)!));
            var texts = BeirDataset.ReadQueries(Existing("--queries", parsed.GetValue(queries)!)).ToDictionary(q => q.Id, q => q.Text, StringComparer.Ordinal);
            CheckJudged(judgments, texts, parsed.GetValue(qrels)!, parsed.GetValue(queries)!);
            var asJson = parsed.GetValue(json);
            var options = new FusionOptions { Method = parsed.GetValue(fusion), KeywordWeight = parsed.GetValue(weight) };
            var kept = parsed.GetValue(work);
            var scratch = kept is null ? Directory.CreateTempSubdirectory("paperboy-eval-") : Directory.CreateDirectory(kept);
            try
            {
                var results = Evaluate(Existing("--corpus", CorpusFile(parsed.GetValue(corpus)!)), embedders, judgments, texts, parsed.GetValue(mode)!, options, scratch.FullName, asJson, cancellation);
                Print(results, asJson, judgments.ByQuery.Count);
                return Task.FromResult(PaperboyCommandLine.Ok);
            }
            finally
            {
                foreach (var e in embedders)
                {
                    (e as IDisposable)?.Dispose();
                }

                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (kept is null)
                {
                    scratch.Delete(recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>Refuses, before minutes of embedding, judgments that score nothing or name queries the query file lacks.</summary>
    private static void CheckJudged(RelevanceJudgments judgments, Dictionary<string, string> texts, string qrelsPath, string queriesPath)
    {
        if (judgments.ByQuery.Count == 0)
        {
            throw new ArgumentException($"--qrels {qrelsPath}: no relevance judgments in it (expected lines of query-id, corpus-id, score)");
        }

        var missing = judgments.ByQuery.Keys.Where(id => !texts.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"--qrels {qrelsPath} judges {missing.Count} queries that --queries {queriesPath} does not have, e.g. {string.Join(", ", missing.Take(3))}");
        }
    }

    /// <summary>The path, when that file exists; else an error naming the option and the path.</summary>
    private static string Existing(string option, string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{option} {path}: no such file", path);

    private static string CorpusFile(string path) => Directory.Exists(path) ? Path.Combine(path, "corpus.jsonl") : path;

    private static Dictionary<string, EvalScores> Evaluate(
        string corpusFile, List<ITextEmbedder> embedders, RelevanceJudgments judgments, Dictionary<string, string> texts, string mode,
        FusionOptions options, string scratch, bool quiet, CancellationToken cancellation)
    {
        using var store = SqlitePaperStore.Open(scratch);
        foreach (var batch in InDistinctTitleRounds(BeirDataset.ReadCorpus(corpusFile)).SelectMany(round => round.Chunk(2000)))
        {
            // The BEIR id stands in for the arXiv id, so each document keeps its own id.
            store.Merge(batch.Select(d => new PaperRecord { Source = "beir", Origin = corpusFile, ArxivId = d.Id, Title = d.Title, Abstract = d.Text }).ToList());
        }

        using var keyword = KeywordIndex.Open(KeywordIndex.DirectoryIn(scratch));
        new KeywordIndexFollower(store, keyword).CatchUp(cancellation: cancellation);
        var legs = new List<SemanticLeg>();
        try
        {
            foreach (var embedder in mode is "keyword" ? [] : embedders)
            {
                var pipeline = new EmbeddingPipeline(store, embedder);
                EmbeddingProgressView.Run($"embedding with {embedder.Name}", quiet, progress => pipeline.Run(progress, cancellation));
                cancellation.ThrowIfCancellationRequested();
                legs.Add(new SemanticLeg(embedder, VectorIndex.Load(store, pipeline.Model)));
            }

            var runs = new List<(string Name, HybridSearch Search, SearchMode Mode)>();
            if (mode is "all" or "keyword")
            {
                runs.Add(("bm25", new HybridSearch(keyword, [], options), SearchMode.Keyword));
            }

            if (mode is "all" or "semantic")
            {
                runs.AddRange(legs.Select(leg => (leg.Name, new HybridSearch(keyword, [leg], options), SearchMode.Semantic)));
            }

            if (mode is "all" or "hybrid")
            {
                runs.Add(("hybrid", new HybridSearch(keyword, legs, options), SearchMode.Hybrid));
            }

            return runs.ToDictionary(r => r.Name, r => Score(r.Search, r.Mode, judgments, texts));
        }
        finally
        {
            foreach (var leg in legs)
            {
                leg.Index.Dispose();
            }
        }
    }

    /// <summary>The documents in rounds in which no two share a normalised title.</summary>
    /// <remarks>
    /// Within one merge batch the store joins a record to an earlier paper of the same title whose id is not an arXiv id
    /// (as it adopts title-only papers), which would lose BEIR documents titled alike ("Summary"); across batches it does not.
    /// </remarks>
    private static List<List<BeirDocument>> InDistinctTitleRounds(IEnumerable<BeirDocument> documents)
    {
        var rounds = new List<List<BeirDocument>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var key = TitleKey.Normalise(document.Title);
            var round = seen.TryGetValue(key, out var count) ? count : 0;
            seen[key] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(document);
        }

        return rounds;
    }

    private static EvalScores Score(HybridSearch search, SearchMode mode, RelevanceJudgments judgments, Dictionary<string, string> texts)
    {
        var run = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var queryId in judgments.ByQuery.Keys)
        {
            // CheckJudged made sure before the corpus was loaded that every judged query has its text.
            var text = texts[queryId];
            var response = search.Search(SearchQueryParser.Parse(text), Depth, mode, semanticText: text);
            run[queryId] = response.Hits.Select(h => h.Id).ToList();
        }

        var scores = RetrievalEvaluation.Score(run, judgments);
        return new EvalScores(Math.Round(scores.NdcgAt10, 4), Math.Round(scores.RecallAt100, 4), Math.Round(scores.MrrAt10, 4));
    }

    private static void Print(Dictionary<string, EvalScores> results, bool asJson, int queries)
    {
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(results, SearchJson.Default.DictionaryStringEvalScores));
            return;
        }

        var table = new Table().AddColumn("mode").AddColumn("nDCG@10").AddColumn("recall@100").AddColumn("MRR@10");
        foreach (var (name, s) in results)
        {
            table.AddRow(Markup.Escape(name), Format(s.NdcgAt10), Format(s.RecallAt100), Format(s.MrrAt10));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{queries:N0} judged queries");
    }

    private static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
