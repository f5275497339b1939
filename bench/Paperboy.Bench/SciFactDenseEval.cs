using System.Diagnostics;
using System.Globalization;
using System.Text;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Evaluation;
using Paperboy.Search.Vectors;
using Paperboy.Store;

namespace Paperboy.Bench;

/// <summary>Dense retrieval quality on SciFact's train split: one model embeds the corpus, queries rank it by exact cosine.</summary>
internal static class SciFactDenseEval
{
    public static int Run(BenchArguments options)
    {
        var modelName = options.Get("model") ?? throw new ArgumentException("--model is required: arctic or minilm (one model per run).", nameof(options));
        var maxTokens = options.GetInt("max-tokens", 512);
        var folder = options.SciFactFolder();
        var corpus = BeirDataset.ReadCorpus(Path.Combine(folder, "corpus.jsonl")).ToList();
        var queries = BeirDataset.ReadQueries(Path.Combine(folder, "queries.jsonl")).ToDictionary(q => q.Id, q => q.Text, StringComparer.Ordinal);
        var judgments = RelevanceJudgments.Load(Path.Combine(folder, "qrels", "train.tsv"));
        using var embedder = (OnnxSentenceEmbedder)TextEmbedders.Create(modelName, new OnnxEmbedderOptions { MaxTokens = maxTokens });

        var documents = DocumentVectors(embedder, corpus);
        var ids = corpus.Select(d => d.Id).ToArray();
        var queryIds = judgments.ByQuery.Keys.Order(StringComparer.Ordinal).ToArray();
        var queryTexts = queryIds.Select(q => queries.TryGetValue(q, out var text) ? text
            : throw new InvalidDataException($"qrels/train.tsv: query {q} is not in queries.jsonl.")).ToArray();

        // The model's own query form, then the other prefix choice, to show what the prefix is worth.
        var asIntended = queryTexts.Select(embedder.EmbedQuery).ToArray();
        var otherPrefix = embedder.Model.QueryPrefix.Length > 0 ? "" : SentenceModel.ArcticEmbedXs.QueryPrefix;
        var otherVectors = embedder.EmbedDocuments(queryTexts.Select(q => otherPrefix + q).ToArray());

        var rows = new StringBuilder();
        rows.AppendLine("| model | queries | nDCG@10 | recall@100 |");
        rows.AppendLine("|---|---|---:|---:|");
        foreach (var (label, vectors) in new[] { (Describe(embedder.Model.QueryPrefix), asIntended), (Describe(otherPrefix), otherVectors) })
        {
            var scores = RetrievalEvaluation.Score(Rank(vectors, queryIds, documents, ids), judgments);
            Console.WriteLine($"{embedder.Name}, {label}: nDCG@10 {scores.NdcgAt10:F3}, recall@100 {scores.RecallAt100:F3}");
            rows.AppendLine(CultureInfo.InvariantCulture, $"| {embedder.Name} | {label} | {scores.NdcgAt10:F3} | {scores.RecallAt100:F3} |");
        }

        var body = $"{BenchReport.MachineLine()}\n\n" +
            $"`dotnet run -c Release --project bench/Paperboy.Bench -- scifact-dense --model {modelName}`: " +
            $"{corpus.Count} documents (title + ' ' + abstract, up to {maxTokens} tokens), {queryIds.Length} train queries, exact cosine.\n\n{rows}";
        BenchReport.WriteSection("embedding", "Embedding benchmarks", $"SciFact train, dense retrieval: {embedder.Name}", body);
        return 0;
    }

    private static string Describe(string prefix) => prefix.Length == 0 ? "no prefix" : $"prefix '{prefix.Trim()}'";

    private static float[][] DocumentVectors(OnnxSentenceEmbedder embedder, IReadOnlyList<BeirDocument> documents)
    {
        var ids = documents.Select(d => d.Id).ToArray();
        var cache = VectorCache.PathFor("scifact", embedder.Name, embedder.Version);
        if (VectorCache.TryRead(cache, embedder.Version, ids) is { } cached)
        {
            Console.WriteLine($"document vectors from {cache}");
            return cached;
        }

        var texts = documents.Select(d => EmbeddingText.Join(d.Title, d.Text)).ToArray();
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        var clock = Stopwatch.StartNew();
        var done = 0;
        foreach (var chunk in order.Chunk(256))
        {
            var embedded = embedder.EmbedDocuments(chunk.Select(i => texts[i]).ToArray());
            for (var j = 0; j < chunk.Length; j++)
            {
                vectors[chunk[j]] = embedded[j];
            }

            done += chunk.Length;
            Console.WriteLine($"{embedder.Name}: {done}/{texts.Length} documents, {done / clock.Elapsed.TotalSeconds:F1}/s");
        }

        VectorCache.Write(cache, embedder.Version, ids, vectors);
        return vectors;
    }

    private static Dictionary<string, IReadOnlyList<string>> Rank(float[][] queries, string[] queryIds, float[][] documents, string[] ids)
    {
        using var index = new VectorIndex(new EmbeddingModel("scifact", "bench", documents[0].Length));
        for (var d = 0; d < documents.Length; d++)
        {
            index.Upsert(ids[d], documents[d]);
        }

        var run = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var q = 0; q < queries.Length; q++)
        {
            run[queryIds[q]] = index.Search(queries[q], 100).Select(h => h.Id).ToList();
        }

        return run;
    }
}
