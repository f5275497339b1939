using Paperboy.Ingest;
using Paperboy.Papers;

namespace Paperboy.Tests.Ingest.Arxiv;

/// <summary>Opens the arXiv golden files and reads them with a reader.</summary>
internal static class ArxivGolden
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Golden", "arxiv", file);

    public static List<SourceEntry> ReadAll(IPaperReader reader, string file)
    {
        using var input = File.OpenRead(PathOf(file));
        return [.. reader.Read(input, file)];
    }

    public static List<PaperRecord> Records(IEnumerable<SourceEntry> entries) =>
        [.. entries.Select(entry => entry.Record ?? throw new InvalidOperationException($"expected a record, got {entry.Error}"))];
}
