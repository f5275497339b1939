using System.Text.Json;
using Paperboy.Export;
using Paperboy.Papers;

namespace Paperboy.Ingest;

/// <summary>Reads Paperboy's own JSON Lines export back in (the demo corpus ships in this layout).</summary>
public sealed class PaperboyJsonLinesReader : JsonLinesReader
{
    public const string FormatName = "paperboy-jsonl";

    public override string Format => FormatName;

    protected override SourceEntry ParseLine(ReadOnlySpan<byte> line, string origin) =>
        JsonSerializer.Deserialize(line, PaperLineJson.Default.PaperLine) is { Title.Length: > 0 } paper
            ? SourceEntry.Of(ToRecord(paper, origin))
            : SourceEntry.Bad(origin, "not a Paperboy paper: expected a JSON object with at least \"id\" and \"title\"");

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
        Upvotes = paper.Upvotes - (paper.SiteUpvotes ?? 0),
        Comments = paper.Comments,
        Doi = paper.Doi,
    };
}
