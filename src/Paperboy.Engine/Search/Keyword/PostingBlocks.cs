using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>One word's postings in one segment, copied into memory in blocks of 128, each bit-packed at the width its values need.</summary>
/// <remarks>
/// Reading a posting through Lucene.NET 4.8's DocsEnum and Scorer costs about 20 ns; at a million papers a query walks
/// a million postings or more. A block here holds the gaps between its documents and their frequencies (less one), each
/// packed in as few bits as the block's largest needs (frame of reference), so decoding it into two small arrays is a
/// shift and a mask a value, without branches; each block's last document lets a cursor skip whole blocks. About a byte
/// a posting for common words.
/// </remarks>
internal sealed class PostingBlocks
{
    public const int BlockSize = 128;

    private readonly byte[] _bytes;
    private readonly int[] _starts;
    private readonly int[] _lastDocs;

    private PostingBlocks(byte[] bytes, int[] starts, int[] lastDocs, int count, int maxFreq, long totalFreq)
    {
        TotalFreq = totalFreq;
        _bytes = bytes;
        _starts = starts;
        _lastDocs = lastDocs;
        Count = count;
        MaxFreq = maxFreq;
    }

    /// <summary>The number of postings.</summary>
    public int Count { get; }

    /// <summary>The word's occurrences in all documents together (Lucene's total term frequency).</summary>
    public long TotalFreq { get; }

    /// <summary>The highest frequency of the word in any one document.</summary>
    public int MaxFreq { get; }

    public int BlockCount => _lastDocs.Length;

    /// <summary>Copies every posting of <paramref name="docs"/> (deleted documents included), or null when it has none.</summary>
    /// <param name="docs">The word's postings.</param>
    /// <param name="docFreq">How many documents the segment says hold the word.</param>
    /// <param name="maxDoc">The segment's number of documents.</param>
    /// <exception cref="CorruptIndexException">
    /// The postings contradict the segment (a damaged file): more documents than it holds or than its count, documents
    /// out of order or beyond its last, a frequency under one. Damaged postings could otherwise be read without end.
    /// </exception>
    public static PostingBlocks? Read(DocsEnum docs, int docFreq, int maxDoc)
    {
        if (docFreq < 0 || docFreq > maxDoc)
        {
            throw new CorruptIndexException($"a word is said to be in {docFreq} documents of a segment of {maxDoc}");
        }

        var blocks = (docFreq + BlockSize - 1) / BlockSize;
        var writer = new BitWriter(Math.Max(64, docFreq * 2));
        var starts = new List<int>(blocks);
        var lastDocs = new List<int>(blocks);
        var gaps = new uint[BlockSize];
        var freqs = new uint[BlockSize];
        var previous = -1;
        var count = 0;
        var maxFreq = 0;
        var totalFreq = 0L;
        int doc;
        while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            var freq = docs.Freq;
            if (doc <= previous || doc >= maxDoc || freq < 1 || count == docFreq)
            {
                throw new CorruptIndexException($"a word's postings contradict its segment of {maxDoc} documents (document {doc} with frequency {freq} after {previous}, {count} of {docFreq})");
            }

            gaps[count % BlockSize] = (uint)(doc - previous);
            freqs[count % BlockSize] = (uint)(freq - 1);
            maxFreq = Math.Max(maxFreq, freq);
            totalFreq += freq;
            previous = doc;
            if (++count % BlockSize == 0)
            {
                starts.Add(writer.Write(gaps, freqs, BlockSize));
                lastDocs.Add(previous);
            }
        }

        if (count == 0)
        {
            return null;
        }

        if (count % BlockSize != 0)
        {
            starts.Add(writer.Write(gaps, freqs, count % BlockSize));
            lastDocs.Add(previous);
        }

        return new PostingBlocks(writer.ToArray(), [.. starts], [.. lastDocs], count, maxFreq, totalFreq);
    }

    /// <summary>The last document of block <paramref name="block"/>.</summary>
    public int LastDoc(int block) => _lastDocs[block];

    /// <summary>The first block at or after <paramref name="from"/> whose last document is at least <paramref name="target"/>, or <see cref="BlockCount"/>.</summary>
    public int BlockOf(int target, int from)
    {
        // Galloping, then binary search: probes near the cursor are cheap, far skips logarithmic.
        var step = 1;
        var low = from;
        var high = from;
        while (high < _lastDocs.Length && _lastDocs[high] < target)
        {
            low = high + 1;
            high += step;
            step *= 2;
        }

        high = Math.Min(high, _lastDocs.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_lastDocs[middle] < target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Decodes block <paramref name="block"/> into <paramref name="docs"/> and <paramref name="freqs"/>; returns its length.</summary>
    public int Decode(int block, int[] docs, int[] freqs)
    {
        var count = Math.Min(BlockSize, Count - (block * BlockSize));
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(_bytes);
        var start = _starts[block];
        int gapBits = _bytes[start];
        int freqBits = _bytes[start + 1];
        var gapMask = (1UL << gapBits) - 1;
        var freqMask = (1UL << freqBits) - 1;
        var bit = (long)(start + 2) * 8;
        var doc = block == 0 ? -1 : _lastDocs[block - 1];
        for (var i = 0; i < count; i++, bit += gapBits)
        {
            doc += (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (nint)(bit >> 3))) >> (int)(bit & 7)) & gapMask);
            docs[i] = doc;
        }

        for (var i = 0; i < count; i++, bit += freqBits)
        {
            freqs[i] = 1 + (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, (nint)(bit >> 3))) >> (int)(bit & 7)) & freqMask);
        }

        return count;
    }

    /// <summary>Blocks of bit-packed values: a byte of width for the gaps and one for the frequencies, then the values.</summary>
    /// <remarks>Widths stay at most 32 bits and the buffer ends with 8 spare bytes, so any value is one unaligned 8-byte read.</remarks>
    private sealed class BitWriter(int capacity)
    {
        private byte[] _buffer = new byte[capacity];
        private int _length;

        /// <summary>Appends one block; returns its byte offset.</summary>
        public int Write(uint[] gaps, uint[] freqs, int count)
        {
            var start = _length;
            var gapBits = Width(gaps, count);
            var freqBits = Width(freqs, count);
            Ensure(2 + ((((long)gapBits + freqBits) * count) + 7) / 8 + 8);
            _buffer[_length++] = (byte)gapBits;
            _buffer[_length++] = (byte)freqBits;
            var bit = (long)_length * 8;
            bit = Pack(gaps, count, gapBits, bit);
            bit = Pack(freqs, count, freqBits, bit);
            _length = (int)((bit + 7) / 8);
            return start;
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length + 8).ToArray();

        private static int Width(uint[] values, int count)
        {
            var all = 0u;
            for (var i = 0; i < count; i++)
            {
                all |= values[i];
            }

            return 32 - System.Numerics.BitOperations.LeadingZeroCount(all);
        }

        private long Pack(uint[] values, int count, int bits, long bit)
        {
            for (var i = 0; i < count; i++, bit += bits)
            {
                ref var word = ref Unsafe.As<byte, ulong>(ref _buffer[(int)(bit >> 3)]);
                word |= (ulong)values[i] << (int)(bit & 7);
            }

            return bit;
        }

        private void Ensure(long more)
        {
            if (_length + more > _buffer.Length)
            {
                Array.Resize(ref _buffer, (int)Math.Max(_buffer.Length * 2L, _length + more));
            }
        }
    }
}
