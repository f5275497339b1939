using System.Diagnostics;
using System.Globalization;
using System.Text;
using Paperboy.Papers;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Evaluation;
using Paperboy.Store.Sqlite;

namespace Paperboy.Bench;

/// <summary>Embedding throughput of each model against ONNX Runtime alone on the same batches.</summary>
internal static class EmbeddingBenchmark
{
    private const int BatchSize = 16;

    public static int Run(BenchArguments options)
    {
        var count = options.GetInt("count", 300);
        var documents = BeirDataset.ReadCorpus(Path.Combine(options.SciFactFolder(), "corpus.jsonl")).Take(count).ToArray();
        var texts = documents.Select(d => EmbeddingText.Join(d.Title, d.Text)).OrderBy(t => t.Length).ToArray();
        var batches = texts.Chunk(BatchSize).ToArray();

        var table = new StringBuilder();
        table.AppendLine("| model | load s | tokens/abstract | pipeline abstracts/s | session.Run alone abstracts/s | pipeline / raw | peak working set MiB |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var model in new[] { SentenceModel.ArcticEmbedXs, SentenceModel.MiniLmL6V2 })
        {
            var row = Measure(model, batches, texts.Length);
            Console.WriteLine(row);
            table.AppendLine(row);
        }

        var endToEnd = new StringBuilder();
        endToEnd.AppendLine("| model | EmbeddingPipeline.Run abstracts/s | session.Run alone abstracts/s | pipeline / raw |");
        endToEnd.AppendLine("|---|---:|---:|---:|");
        foreach (var model in new[] { SentenceModel.ArcticEmbedXs, SentenceModel.MiniLmL6V2 })
        {
            var row = MeasureEndToEnd(model, documents, batches);
            Console.WriteLine(row);
            endToEnd.AppendLine(row);
        }

        var body = $"{BenchReport.MachineLine()}\n\n" +
            $"`dotnet run -c Release --project bench/Paperboy.Bench -- embed --count {count}`: the first {texts.Length} SciFact abstracts " +
            $"(title + ' ' + abstract), sorted by length, batches of {BatchSize}, up to 512 tokens, IntraOpNumThreads = {Environment.ProcessorCount}. " +
            "The pipeline is `EmbedDocuments` (tokenise, pad, run, pool, normalise); the raw figure is `session.Run` alone on the same " +
            "batches tokenised beforehand, the two alternating batch by batch. Peak working set is the process's, so it grows from the first model to the second.\n\n" + table +
            "\nEnd to end: `EmbeddingPipeline.Run` over a scratch SQLite store holding the same abstracts as papers (read the papers missing vectors, " +
            "hash their text, sort by length, batch, embed, write the vectors back in a transaction per batch), against `session.Run` alone on the same batches " +
            "measured just before and just after it (the mean of the two), in the same process.\n\n" + endToEnd;
        BenchReport.WriteSection("embedding", "Embedding benchmarks", "Throughput", body);
        return 0;
    }

    private static string Measure(SentenceModel model, string[][] batches, int count)
    {
        var clock = Stopwatch.StartNew();
        using var embedder = new OnnxSentenceEmbedder(model);
        var load = clock.Elapsed.TotalSeconds;

        // One batch first so that lazy initialisation inside ONNX Runtime is not counted.
        embedder.EmbedDocuments(batches[0]);
        var tokenised = batches.Select(b => embedder.Tokenize(b, queries: false)).ToArray();
        var tokens = tokenised.Sum(b => b.TokenCounts.Sum());

        // Raw and pipeline alternate batch by batch so that the load of other processes on this shared machine falls on both alike.
        var raw = TimeSpan.Zero;
        var pipeline = TimeSpan.Zero;
        for (var i = 0; i < batches.Length; i++)
        {
            clock.Restart();
            embedder.RunModelOnly(tokenised[i]);
            raw += clock.Elapsed;
            clock.Restart();
            embedder.EmbedDocuments(batches[i]);
            pipeline += clock.Elapsed;
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {embedder.Name} | {load:F1} | {(double)tokens / count:F0} | {count / pipeline.TotalSeconds:F1} | {count / raw.TotalSeconds:F1} | {raw / pipeline:P0} | {peak:F0} |");
    }

    private static string MeasureEndToEnd(SentenceModel model, BeirDocument[] documents, string[][] batches)
    {
        var directory = Directory.CreateTempSubdirectory("paperboy-bench-embed");
        try
        {
            using var store = SqlitePaperStore.Open(directory.FullName);
            store.Merge(documents.Select(d => new PaperRecord { Source = "beir", Origin = "scifact", ArxivId = d.Id, Title = d.Title, Abstract = d.Text }).ToList());
            using var embedder = new OnnxSentenceEmbedder(model);
            embedder.EmbedDocuments(batches[0]);
            var tokenised = batches.Select(b => embedder.Tokenize(b, queries: false)).ToArray();

            var before = RawPass(embedder, tokenised);
            var clock = Stopwatch.StartNew();
            var run = new EmbeddingPipeline(store, embedder, BatchSize).Run();
            var pipeline = clock.Elapsed;
            var raw = (before + RawPass(embedder, tokenised)) / 2;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {embedder.Name} | {run.Embedded / pipeline.TotalSeconds:F1} | {documents.Length / raw.TotalSeconds:F1} | {raw / pipeline * run.Embedded / documents.Length:P0} |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static TimeSpan RawPass(OnnxSentenceEmbedder embedder, TokenBatch[] tokenised)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in tokenised)
        {
            embedder.RunModelOnly(batch);
        }

        return clock.Elapsed;
    }
}
