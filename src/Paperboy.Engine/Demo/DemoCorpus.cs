using Paperboy.Ingest;

namespace Paperboy.Demo;

/// <summary>The demo corpus that ships inside Paperboy: real papers (CC0 arXiv metadata) so a fresh install shows real daily pages.</summary>
/// <remarks>Built by <c>paperboy export</c> from the papers of the Hugging Face search pages and the last ten listing days of the arXiv sample; see docs/demo-corpus.md.</remarks>
public static class DemoCorpus
{
    private const string ResourceName = "Paperboy.Demo.demo-corpus.jsonl.gz";

    /// <summary>The demo corpus as an import input.</summary>
    public static ImportInput Input()
    {
        using var probe = Open();
        return ImportInput.FromStream("demo-corpus.jsonl.gz", probe.Length, Open, PaperboyJsonLinesReader.FormatName);
    }

    private static Stream Open() =>
        typeof(DemoCorpus).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"this build of Paperboy lacks its demo corpus (resource {ResourceName})");
}
