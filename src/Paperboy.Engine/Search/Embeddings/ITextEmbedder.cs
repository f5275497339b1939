namespace Paperboy.Search.Embeddings;

/// <summary>Turns text into unit-length vectors whose cosine similarity says how close two texts are in meaning.</summary>
/// <remarks>Implementations are safe to call from several threads.</remarks>
public interface ITextEmbedder
{
    /// <summary>A short stable name (e.g. <c>arctic-embed-xs</c>); vectors from embedders of different names never mix.</summary>
    string Name { get; }

    /// <summary>Changes whenever the same text would get a different vector (weights, pooling, truncation).</summary>
    string Version { get; }

    /// <summary>The length of every vector this embedder returns.</summary>
    int Dimension { get; }

    /// <summary>Embeds documents (e.g. a paper's title and abstract); the result is in the order of <paramref name="texts"/>.</summary>
    float[][] EmbedDocuments(IReadOnlyList<string> texts);

    /// <summary>Embeds a search query, with whatever instruction the model expects in front of queries.</summary>
    float[] EmbedQuery(string query);
}
