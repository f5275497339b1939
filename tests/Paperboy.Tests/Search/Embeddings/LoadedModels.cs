using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search.Embeddings;

/// <summary>Both real models, loaded once for all the tests of a class (about a second each).</summary>
public sealed class LoadedModels : IDisposable
{
    private readonly Dictionary<string, OnnxSentenceEmbedder> _embedders = new()
    {
        [TextEmbedders.ArcticEmbedXs] = new OnnxSentenceEmbedder(SentenceModel.ArcticEmbedXs),
        [TextEmbedders.MiniLm] = new OnnxSentenceEmbedder(SentenceModel.MiniLmL6V2),
    };

    public OnnxSentenceEmbedder this[string name] => _embedders[name];

    public void Dispose()
    {
        foreach (var embedder in _embedders.Values)
        {
            embedder.Dispose();
        }
    }
}
