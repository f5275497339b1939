using System.Text.Json.Serialization;

namespace Paperboy.Cli;

/// <summary>The <c>--json</c> output of <c>index</c>.</summary>
internal sealed record IndexSummary(
    [property: JsonPropertyName("keyword_applied")] long KeywordApplied,
    [property: JsonPropertyName("keyword_papers")] int KeywordPapers,
    [property: JsonPropertyName("embedders")] IReadOnlyList<EmbedderSummary> Embedders,
    [property: JsonPropertyName("cancelled")] bool Cancelled);

/// <summary>What <c>index</c> did for one embedder.</summary>
internal sealed record EmbedderSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("embedded")] long Embedded,
    [property: JsonPropertyName("confirmed")] long Confirmed,
    [property: JsonPropertyName("vectors")] long Vectors,
    [property: JsonPropertyName("elapsed_seconds")] double ElapsedSeconds);

/// <summary>The <c>--json</c> output of <c>search</c> and <c>related</c>.</summary>
internal sealed record SearchOutput(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("hits")] IReadOnlyList<SearchHitOutput> Hits,
    [property: JsonPropertyName("coverage")] IReadOnlyList<CoverageOutput> Coverage,
    [property: JsonPropertyName("semantic_error")] string? SemanticError);

/// <summary>One ranked paper in <see cref="SearchOutput"/>.</summary>
internal sealed record SearchHitOutput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("legs")] IReadOnlyList<string> Legs);

/// <summary>How many papers a semantic leg covers, in <see cref="SearchOutput"/>.</summary>
internal sealed record CoverageOutput(
    [property: JsonPropertyName("leg")] string Leg,
    [property: JsonPropertyName("embedded")] int Embedded,
    [property: JsonPropertyName("papers")] int Papers);

/// <summary>One mode's scores in the <c>--json</c> output of <c>eval</c>.</summary>
internal sealed record EvalScores(
    [property: JsonPropertyName("ndcg@10")] double NdcgAt10,
    [property: JsonPropertyName("recall@100")] double RecallAt100,
    [property: JsonPropertyName("mrr@10")] double MrrAt10);

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(IndexSummary))]
[JsonSerializable(typeof(SearchOutput))]
[JsonSerializable(typeof(Dictionary<string, EvalScores>))]
internal sealed partial class SearchJson : JsonSerializerContext;
