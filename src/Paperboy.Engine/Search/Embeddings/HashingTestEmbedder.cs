namespace Paperboy.Search.Embeddings;

/// <summary>A deterministic, model-free embedder for tests: word stems hashed into a small signed bag-of-words vector.</summary>
/// <remarks>Texts sharing words get close vectors, so search tests stay meaningful without loading a model.</remarks>
public sealed class HashingTestEmbedder : ITextEmbedder
{
    private static readonly string[] _suffixes = ["ations", "ation", "ings", "ing", "ies", "ed", "es", "ly", "s"];

    private static readonly HashSet<string> _stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "that", "the", "this", "to", "we", "with",
    };

    public HashingTestEmbedder(int dimension = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 2);
        Dimension = dimension;
    }

    public string Name => TextEmbedders.Hashing;

    public string Version => $"1;dim{Dimension}";

    public int Dimension { get; }

    public float[][] EmbedDocuments(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return [.. texts.Select(Embed)];
    }

    public float[] EmbedQuery(string query) => Embed(query);

    /// <summary>The vector of a text; a text with no words gets the zero vector.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimension];
        uint? firstWord = null;
        foreach (var word in Words(text))
        {
            var hash = Fnv1a(Stem(word));
            firstWord ??= hash;
            // One hash bit picks the sign so that unrelated words cancel out on average instead of piling up.
            vector[(int)(hash % (uint)Dimension)] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        // Words that cancel out exactly would leave a zero vector; text with words always gets a direction.
        if (firstWord is { } first && !vector.Any(x => x != 0))
        {
            vector[(int)(first % (uint)Dimension)] = 1f;
        }

        VectorMath.Normalize(vector);
        return vector;
    }

    internal static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                start = -1;
                if (!_stopWords.Contains(word))
                {
                    yield return word;
                }
            }
        }
    }

    internal static string Stem(string word)
    {
        foreach (var suffix in _suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    // FNV-1a rather than string.GetHashCode, which is randomised per process.
    private static uint Fnv1a(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
