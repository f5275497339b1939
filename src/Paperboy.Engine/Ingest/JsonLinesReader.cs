using System.Text.Json;

namespace Paperboy.Ingest;

/// <summary>The common part of JSON Lines formats: one record per line, blank lines skipped, JSON errors located.</summary>
/// <remarks>
/// A line that is not valid JSON is a bad record (line, column and byte offset named); an unterminated last line
/// that does not parse means the file was cut short, which stops the file.
/// </remarks>
public abstract class JsonLinesReader : IPaperReader
{
    public abstract string Format { get; }

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
                entry = ParseLine(line, origin);
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

    /// <summary>Turns one line into a record or a bad entry; throws <see cref="JsonException"/> when the line is not valid JSON.</summary>
    protected abstract SourceEntry ParseLine(ReadOnlySpan<byte> line, string origin);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
