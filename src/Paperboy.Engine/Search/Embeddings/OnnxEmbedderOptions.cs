namespace Paperboy.Search.Embeddings;

/// <summary>Settings of an <see cref="OnnxSentenceEmbedder"/>.</summary>
public sealed record OnnxEmbedderOptions
{
    /// <summary>Texts longer than this many tokens (with [CLS] and [SEP]) are cut, keeping the closing [SEP].</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>How many texts go through the model at once; texts are sorted by length first so padding stays small.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Threads ONNX Runtime uses inside one model run.</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Embed search queries with the model's weight products in int8 (<see cref="DynamicQuantization"/>); papers stay float.</summary>
    /// <remarks>About 2.5 times faster per query; its effect on ranking is measured in bench/results/search.md.</remarks>
    public bool QuantizedQueries { get; init; }

    internal void Validate()
    {
        if (MaxTokens < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be at least 3 ([CLS], one token, [SEP]).");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }

        if (IntraOpThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be at least 1.");
        }
    }
}
