using System.Diagnostics;
using Paperboy.Demo;
using Paperboy.Ingest;
using Paperboy.Search.Embeddings;
using Paperboy.Store;
using Paperboy.Store.Sqlite;

namespace Paperboy.Bench;

/// <summary>The data directory the web load benchmark serves: the 75k arXiv sample with a vector for every paper and both models.</summary>
/// <remarks>
/// Embedding 75k papers takes most of an hour per model on 2 cores, and a search's cost depends on how many vectors
/// there are and their dimension, not on their values. So the demo corpus's real MiniLM vectors are saved for the
/// papers they belong to, and every other paper, for both models, gets one of those vectors perturbed by noise and
/// re-normalised, with the paper's real text hash, so that the server's background indexer has nothing left to embed.
/// </remarks>
internal static class WebLoadCorpus
{
    private const string ReadyMarker = "ready";

    public static string Prepare(string sampleFile)
    {
        var directory = Path.Combine(BenchReport.ResultsFolder(), "cache", "web-75k");
        if (File.Exists(Path.Combine(directory, ReadyMarker)))
        {
            return directory;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        using (var store = SqlitePaperStore.Open(directory))
        {
            Console.WriteLine($"importing {sampleFile} ...");
            new PaperImporter(store, new ImportOptions()).Import([ImportInput.Resolve([sampleFile], null).Single()]);
            var seeded = DemoCorpus.SeedVectors(store).Sum(s => s.Saved);
            Console.WriteLine($"saved {seeded:N0} real demo vectors; synthesising the rest ...");
            if (seeded == 0)
            {
                throw new InvalidOperationException($"none of the demo corpus's vectors belong to a paper of {sampleFile}");
            }

            var real = store.LoadEmbeddings(ModelNamed(TextEmbedders.MiniLm)).Select(e => e.Vector).ToArray();
            foreach (var name in new[] { TextEmbedders.MiniLm, TextEmbedders.ArcticEmbedXs })
            {
                FillWithPerturbed(store, ModelNamed(name), real);
            }
        }

        Console.WriteLine("building the keyword index ...");
        RunPaperboy("--data", directory, "index", "--embedder", "none");
        File.WriteAllText(Path.Combine(directory, ReadyMarker), DateTime.UtcNow.ToString("O"));
        return directory;
    }

    /// <summary>Runs the real <c>paperboy</c> of this build with <paramref name="arguments"/>, failing loudly if it fails.</summary>
    public static void RunPaperboy(params string[] arguments)
    {
        using var process = Process.Start(PaperboyStart(arguments))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"paperboy {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }
    }

    public static ProcessStartInfo PaperboyStart(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "paperboy.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static EmbeddingModel ModelNamed(string name)
    {
        var embedder = TextEmbedders.Create(name);
        (embedder as IDisposable)?.Dispose();
        return EmbeddingPipeline.ModelOf(embedder);
    }

    private static void FillWithPerturbed(SqlitePaperStore store, EmbeddingModel model, float[][] real)
    {
        var random = new Random(20261129);
        while (store.PapersMissingEmbeddings(model, 5000) is { Count: > 0 } missing)
        {
            var batch = missing.Select(candidate =>
            {
                var vector = real[random.Next(real.Length)].Select(v => v + (float)(random.NextDouble() - 0.5) * 0.05f).ToArray();
                VectorMath.Normalize(vector);
                return new PaperEmbedding(candidate.Paper.Id, candidate.Paper.Sequence, EmbeddingText.Hash(candidate.Paper), vector);
            }).ToList();
            store.SaveEmbeddings(model, batch);
        }
    }
}
