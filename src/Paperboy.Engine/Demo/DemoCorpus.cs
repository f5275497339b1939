using Paperboy.Ingest;
using Paperboy.Search.Embeddings;
using Paperboy.Store;

namespace Paperboy.Demo;

/// <summary>The demo corpus that ships inside Paperboy: real papers (CC0 arXiv metadata) so a fresh install shows real daily pages.</summary>
/// <remarks>Built by <c>paperboy export</c> from the papers of the Hugging Face search pages and the last ten listing days of the arXiv sample; see docs/demo-corpus.md.</remarks>
public static class DemoCorpus
{
    private const string ResourceName = "Paperboy.Demo.demo-corpus.jsonl.gz";
    private const string VectorResourcePrefix = "Paperboy.Demo.demo-vectors.";

    /// <summary>The demo corpus as an import input.</summary>
    public static ImportInput Input()
    {
        using var probe = Open();
        return ImportInput.FromStream("demo-corpus.jsonl.gz", probe.Length, Open, PaperboyJsonLinesReader.FormatName);
    }

    /// <summary>
    /// Saves the shipped vectors of the demo corpus (one file per embedding model) into <paramref name="store"/>, so
    /// that semantic search works at the first start instead of after minutes of embedding; a paper whose text has
    /// changed since is left for the embedding pipeline.
    /// </summary>
    public static IReadOnlyList<VectorImportSummary> SeedVectors(IPaperStore store)
    {
        var assembly = typeof(DemoCorpus).Assembly;
        var summaries = new List<VectorImportSummary>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(VectorResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            summaries.Add(VectorTransfer.Import(store, stream, name));
        }

        return summaries;
    }

    private static Stream Open() =>
        typeof(DemoCorpus).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"this build of Paperboy lacks its demo corpus (resource {ResourceName})");
}
