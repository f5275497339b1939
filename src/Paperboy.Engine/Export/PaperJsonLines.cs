using System.Text.Json;
using System.Text.Json.Serialization;
using Paperboy.Papers;

namespace Paperboy.Export;

/// <summary>Paperboy's own JSON Lines layout: one paper a line, every field, for export and re-import.</summary>
public static class PaperJsonLines
{
    /// <summary>Writes one paper as one line.</summary>
    public static void Write(TextWriter writer, Paper paper)
    {
        writer.Write(JsonSerializer.Serialize(PaperLine.From(paper), PaperLineJson.Default.PaperLine));
        writer.Write('\n');
    }
}

/// <summary>The serialised shape of a paper in Paperboy's JSON Lines.</summary>
internal sealed record PaperLine
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("version")] public int? Version { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("authors")] public IReadOnlyList<string> Authors { get; init; } = [];
    [JsonPropertyName("author_count")] public int? AuthorCount { get; init; }
    [JsonPropertyName("abstract")] public string Abstract { get; init; } = "";
    [JsonPropertyName("categories")] public IReadOnlyList<string> Categories { get; init; } = [];
    [JsonPropertyName("published")] public DateOnly? Published { get; init; }
    [JsonPropertyName("updated")] public DateOnly? Updated { get; init; }
    [JsonPropertyName("listed")] public DateOnly? Listed { get; init; }
    [JsonPropertyName("upvotes")] public int Upvotes { get; init; }
    // Site votes are exported for the record but belong to accounts: re-import takes only the source's part as upvotes.
    [JsonPropertyName("site_upvotes")] public int? SiteUpvotes { get; init; }
    [JsonPropertyName("comments")] public string? Comments { get; init; }
    [JsonPropertyName("doi")] public string? Doi { get; init; }
    [JsonPropertyName("sources")] public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    public static PaperLine From(Paper p) => new()
    {
        Id = p.Id,
        Version = p.Version,
        Title = p.Title,
        Authors = p.Authors,
        AuthorCount = p.AuthorCount,
        Abstract = p.Abstract,
        Categories = p.Categories,
        Published = p.Published,
        Updated = p.Updated,
        Listed = p.Listed,
        Upvotes = p.Upvotes,
        SiteUpvotes = p.SiteUpvotes > 0 ? p.SiteUpvotes : null,
        Comments = p.Comments,
        Doi = p.Doi,
        Sources = p.Sources,
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PaperLine))]
internal sealed partial class PaperLineJson : JsonSerializerContext;
