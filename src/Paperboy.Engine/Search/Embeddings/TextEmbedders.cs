namespace Paperboy.Search.Embeddings;

/// <summary>The embedders Paperboy knows, by the names a user gives on the command line or in settings.</summary>
public static class TextEmbedders
{
    public const string ArcticEmbedXs = "arctic-embed-xs";
    public const string MiniLm = "all-minilm-l6-v2";
    public const string Hashing = "hashing";

    public static IReadOnlyList<string> Names { get; } = [ArcticEmbedXs, MiniLm, Hashing];

    /// <summary>Creates the embedder of that name (case-insensitive; <c>arctic</c> and <c>minilm</c> are accepted too).</summary>
    /// <exception cref="ArgumentException">The name is none of <see cref="Names"/>.</exception>
    public static ITextEmbedder Create(string name, OnnxEmbedderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            ArcticEmbedXs or "arctic" => new OnnxSentenceEmbedder(SentenceModel.ArcticEmbedXs, options),
            MiniLm or "minilm" => new OnnxSentenceEmbedder(SentenceModel.MiniLmL6V2, options),
            Hashing => new HashingTestEmbedder(),
            _ => throw new ArgumentException($"Unknown embedder '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>The embedders a comma-separated list names, each once; <c>none</c> or an empty list gives none.</summary>
    /// <exception cref="ArgumentException">A name is unknown (the message lists the known ones).</exception>
    public static List<ITextEmbedder> CreateAll(string? list, OnnxEmbedderOptions? options = null)
    {
        var names = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names is ["none"] or []
            ? []
            : names.Select(name => Create(name, options)).DistinctBy(e => e.Name).ToList();
    }
}
