using System.Text.Json;

namespace Paperboy.Ingest.Arxiv;

/// <summary>Reads the public "arXiv metadata OAI snapshot": JSON Lines, one paper per line.</summary>
/// <remarks>
/// <c>update_date</c> is the day of the daily listing the record came from, so it sets both the update and
/// listing days; the <c>versions</c> array, when present, gives the version and the first publication day.
/// </remarks>
public sealed class ArxivSnapshotReader : IPaperReader
{
    public const string FormatName = "arxiv-snapshot";

    public string Format => FormatName;

    public IEnumerable<SourceEntry> Read(Stream input, string name)
    {
        using var lines = new Utf8LineReader(input);
        while (lines.TryReadLine(out var line))
        {
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            var origin = $"{name}:{lines.LineNumber}";
            SourceEntry entry;
            try
            {
                entry = ArxivSnapshotRecord.Parse(line, origin);
            }
            catch (JsonException e) when (lines.LastLineUnterminated)
            {
                throw new InputException(origin, $"the input ends in the middle of a record that starts at byte offset {lines.LineOffset} (truncated file?)", e);
            }
            catch (JsonException e)
            {
                entry = SourceEntry.Bad(origin, $"not valid JSON at column {e.BytePositionInLine + 1} (byte offset {lines.LineOffset + e.BytePositionInLine}): {FirstSentence(e.Message)}");
            }

            yield return entry;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
