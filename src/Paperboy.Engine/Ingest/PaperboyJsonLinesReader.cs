using System.Text.Json;
using Paperboy.Export;
using Paperboy.Papers;

namespace Paperboy.Ingest;

/// <summary>Reads Paperboy's own JSON Lines export back in (the demo corpus ships in this layout).</summary>
public sealed class PaperboyJsonLinesReader : IPaperReader
{
    public const string FormatName = "paperboy-jsonl";

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
            PaperLine? paper;
            try
            {
                paper = JsonSerializer.Deserialize(line, PaperLineJson.Default.PaperLine);
            }
            catch (JsonException e)
            {
                paper = null;
                origin += $" (byte offset {lines.LineOffset}, column {e.BytePositionInLine + 1})";
            }

            yield return paper is null || string.IsNullOrWhiteSpace(paper.Title)
                ? SourceEntry.Bad(origin, "not a Paperboy paper: expected a JSON object with at least \"id\" and \"title\"")
                : SourceEntry.Of(ToRecord(paper, origin));
        }
    }

    private static PaperRecord ToRecord(PaperLine paper, string origin) => new()
    {
        Source = FormatName,
        Origin = origin,
        ArxivId = ArxivId.IsArxivId(paper.Id) ? paper.Id : null,
        Version = paper.Version,
        Title = paper.Title,
        Authors = paper.Authors,
        AuthorCount = paper.AuthorCount,
        Abstract = paper.Abstract,
        Categories = paper.Categories,
        Published = paper.Published,
        Updated = paper.Updated,
        Listed = paper.Listed,
        Upvotes = paper.Upvotes,
        Comments = paper.Comments,
        Doi = paper.Doi,
    };
}
