using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Paperboy.Demo;
using Paperboy.Search.Embeddings;

namespace Paperboy.Bench;

/// <summary>Real document vectors of the demo corpus's papers (title + abstract), embedded once per model and cached.</summary>
internal static class DemoVectors
{
    private const int BatchSize = 32;

    /// <summary>The demo corpus's papers as (id, embedding text), in file order.</summary>
    public static List<(string Id, string Text)> Papers()
    {
        var path = Path.Combine(BenchReport.RepositoryRoot(), "src", "Paperboy.Engine", "Demo", "demo-corpus.jsonl.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var papers = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            papers.Add((root.GetProperty("id").GetString()!,
                EmbeddingText.Join(root.GetProperty("title").GetString() ?? "", root.TryGetProperty("abstract", out var a) ? a.GetString() ?? "" : "")));
        }

        return papers;
    }

    /// <summary>The vectors of <paramref name="papers"/> by <paramref name="embedder"/>, from the cache when it has them.</summary>
    public static float[][] Of(ITextEmbedder embedder, IReadOnlyList<(string Id, string Text)> papers)
    {
        var ids = papers.Select(p => p.Id).ToArray();
        var cache = VectorCache.PathFor("demo", embedder.Name, embedder.Version);
        if (VectorCache.TryRead(cache, embedder.Version, ids) is { } cached)
        {
            return cached;
        }

        if (Shipped(embedder, ids) is { } shipped)
        {
            return shipped;
        }

        var watch = Stopwatch.StartNew();
        var vectors = new float[papers.Count][];

        // Batches of similar length waste little on padding.
        var order = Enumerable.Range(0, papers.Count).OrderBy(i => papers[i].Text.Length).ToArray();
        for (var start = 0; start < papers.Count; start += BatchSize)
        {
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var embedded = embedder.EmbedDocuments(batch.Select(i => papers[i].Text).ToArray());
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[batch[i]] = embedded[i];
            }

            Console.Error.WriteLine($"{embedder.Name}: {start + batch.Length}/{papers.Count} embedded, {watch.Elapsed.TotalSeconds:F0} s");
        }

        VectorCache.Write(cache, embedder.Version, ids, vectors);
        return vectors;
    }

    /// <summary>The vectors that ship with the demo corpus for this model and version, when there are such and they cover every paper.</summary>
    private static float[][]? Shipped(ITextEmbedder embedder, string[] ids)
    {
        var name = $"Paperboy.Demo.demo-vectors.{embedder.Name}.pbvec";
        using var stream = typeof(DemoCorpus).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var file = VectorFile.Read(stream, name);
        if (file.Model.Version != embedder.Version)
        {
            return null;
        }

        var byId = file.Entries().ToDictionary(e => e.PaperId, e => e.Vector, StringComparer.Ordinal);
        return ids.All(byId.ContainsKey) ? ids.Select(id => byId[id]).ToArray() : null;
    }
}
