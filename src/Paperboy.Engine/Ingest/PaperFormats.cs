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
    /// <exception cref="FormatException">The input is empty, binary, or text of none of the formats; the message says which.</exception>
    public static string Detect(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            throw new FormatException("it is empty");
        }

        // The head may end inside a character, which decodes as one replacement character; any earlier one is not text.
        if (text.Contains('\0') || text.AsSpan(0, Math.Max(0, text.Length - 1)).Contains('\uFFFD'))
        {
            throw new FormatException($"it is not text (a NUL byte or bytes that are not UTF-8 in its first {head.Length:N0}); expected {Expected}");
        }

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

        return HfPageLines.LooksLikePage(text)
            ? HfPageTextReader.FormatName
            : throw new FormatException(
                $"its format is not recognised: it starts with neither '<', '[' nor '{{', and its first {head.Length:N0} bytes have no line of a "
                + $"Hugging Face papers page (a date like 'Sep 11', '5 authors', the site's navigation); expected {Expected}");
    }

    private static string Expected =>
        "arXiv Atom or OAI-PMH XML, arXiv snapshot or Paperboy JSON Lines, Hugging Face API JSON, or Hugging Face page text, plain or gzipped";
}
