namespace Paperboy.Search.Embeddings;

/// <summary>Token ids of several texts padded to the longest, laid out row by row as the model's input tensors.</summary>
internal sealed class TokenBatch
{
    public TokenBatch(int count, int length)
    {
        Count = count;
        Length = length;
        InputIds = new long[count * length];
        AttentionMask = new long[count * length];
        TokenTypeIds = new long[count * length];
        TokenCounts = new int[count];
    }

    public int Count { get; }

    /// <summary>The padded length of every row.</summary>
    public int Length { get; }

    public long[] InputIds { get; }

    public long[] AttentionMask { get; }

    /// <summary>All zeros: every text is a single segment.</summary>
    public long[] TokenTypeIds { get; }

    /// <summary>The number of real (unpadded) tokens of each row.</summary>
    public int[] TokenCounts { get; }

    public long[] Shape => [Count, Length];

    public ReadOnlySpan<long> Row(int index) => InputIds.AsSpan(index * Length, TokenCounts[index]);
}
