using System.Text;
using Paperboy.Ingest.Arxiv;
using Paperboy.Ingest.HuggingFace;

namespace Paperboy.Ingest;

/// <summary>The input formats Paperboy reads, and detection of a file's format from its first bytes.</summary>
public static class PaperFormats
{
    /// <summary>Every reader, by format name.</summary>
    public static IReadOnlyList<IPaperReader> All { get; } =
    [
        new ArxivSnapshotReader(),
        new ArxivAtomReader(),
        new OaiPmhReader(),
        new PaperboyJsonLinesReader(),
        new HfPapersJsonReader(),
        // Page dates without a year are read relative to the day of the import.
        new HfPageTextReader(),
    ];

    /// <summary>The reader for a <c>--format</c> value.</summary>
    /// <exception cref="ArgumentException">No format has that name; the message lists the names.</exception>
    public static IPaperReader ByName(string format) =>
        All.FirstOrDefault(r => r.Format.Equals(format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown format \"{format}\"; expected one of: {Names}");

    public static string Names => string.Join(", ", All.Select(r => r.Format));

    /// <summary>Names the format of an input from its first (decompressed) bytes.</summary>
    public static string Detect(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<'))
        {
            return text.Contains("<OAI-PMH", StringComparison.Ordinal) ? "arxiv-oai" : "arxiv-atom";
        }

        if (text.StartsWith('['))
        {
            return "hf-json";
        }

        if (text.StartsWith('{'))
        {
            var firstLine = text.Split('\n', 2)[0];
            if (firstLine.Contains("\"sources\":", StringComparison.Ordinal))
            {
                return PaperboyJsonLinesReader.FormatName;
            }

            var huggingFace = firstLine.Contains("\"paper\"", StringComparison.Ordinal)
                || firstLine.Contains("\"upvotes\"", StringComparison.Ordinal)
                || firstLine.Contains("\"summary\"", StringComparison.Ordinal);
            return huggingFace ? "hf-json" : ArxivSnapshotReader.FormatName;
        }

        return "hf-page";
    }
}
