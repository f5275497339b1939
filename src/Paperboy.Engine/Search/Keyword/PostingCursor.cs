namespace Paperboy.Search.Keyword;

/// <summary>A position in one word's <see cref="PostingBlocks"/>, decoding a block at a time.</summary>
internal sealed class PostingCursor(PostingBlocks postings, WordShares shares)
{
    /// <summary>The document after the last: past every window.</summary>
    public const int NoMoreDocs = int.MaxValue;

    private readonly int[] _docs = new int[PostingBlocks.BlockSize];
    private readonly int[] _freqs = new int[PostingBlocks.BlockSize];
    private int _block = -1;
    private int _count;
    private int _position;

    /// <summary>The current document; -1 before the first, <see cref="NoMoreDocs"/> after the last.</summary>
    public int Doc { get; private set; } = -1;

    public WordShares Shares => shares;

    /// <summary>How many documents of the segment hold the word.</summary>
    public int Count => postings.Count;

    /// <summary>The current document's share of the score.</summary>
    public float Share(byte[] lengthClasses) => shares.Of(_freqs[_position], lengthClasses[Doc]);

    /// <summary>Moves to the first document.</summary>
    public void Start() => Load(0);

    /// <summary>Moves to the first document at or after <paramref name="target"/>, which must lie beyond <see cref="Doc"/>.</summary>
    public void Advance(int target)
    {
        if (_block < 0 || target > postings.LastDoc(_block))
        {
            var block = postings.BlockOf(target, _block + 1);
            if (block == postings.BlockCount)
            {
                Doc = NoMoreDocs;
                return;
            }

            Load(block);
        }

        var position = _position;
        while (_docs[position] < target)
        {
            position++;
        }

        _position = position;
        Doc = _docs[position];
    }

    /// <summary>
    /// Adds the share of every document before <paramref name="windowEnd"/> into <paramref name="sums"/> (indexed from
    /// <paramref name="windowStart"/>) and marks it in <paramref name="matched"/>, leaving the cursor at the next document.
    /// </summary>
    public void Accumulate(int windowStart, int windowEnd, double[] sums, ulong[] matched, byte[] lengthClasses)
    {
        while (Doc < windowEnd)
        {
            var docs = _docs;
            var freqs = _freqs;
            var position = _position;
            for (; position < _count; position++)
            {
                var doc = docs[position];
                if (doc >= windowEnd)
                {
                    _position = position;
                    Doc = doc;
                    return;
                }

                var local = doc - windowStart;
                sums[local] += shares.Of(freqs[position], lengthClasses[doc]);
                matched[local >> 6] |= 1UL << local;
            }

            if (_block + 1 == postings.BlockCount)
            {
                Doc = NoMoreDocs;
                return;
            }

            Load(_block + 1);
        }
    }

    private void Load(int block)
    {
        _block = block;
        _count = postings.Decode(block, _docs, _freqs);
        _position = 0;
        Doc = _docs[0];
    }
}
