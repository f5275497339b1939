using CsCheck;
using Lucene.Net.Index;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search.Keyword;

/// <summary>The in-memory copy of a word's postings gives back every document and frequency, and skips to any document.</summary>
public sealed class PostingBlocksTests
{
    /// <summary>Gaps from 1 to a billion and frequencies from 1 to a million, so that blocks take every width up to 30 bits.</summary>
    private static readonly Gen<(int Doc, int Freq)[]> _postings =
        Gen.Select(Gen.OneOf(Gen.Int[1, 3], Gen.Int[1, 300], Gen.Int[1, 1_000_000_000]), Gen.OneOf(Gen.Int[1, 3], Gen.Int[1, 1_000_000]))
            .Array[1, 700]
            .Select(pairs =>
            {
                // Scaled down where the gaps would pass the largest document number, keeping every gap at least 1.
                var total = pairs.Sum(p => (long)p.Item1);
                var scale = Math.Min(1.0, (int.MaxValue - 1.0 - pairs.Length) / total);
                var doc = -1;
                return pairs.Select(p => (doc += Math.Max(1, (int)(p.Item1 * scale)), p.Item2)).ToArray();
            });

    [Fact]
    public void Every_block_decodes_to_the_documents_and_frequencies_read()
    {
        _postings.Sample(postings =>
        {
            var blocks = PostingBlocks.Read(new ListedDocs(postings), postings.Length, int.MaxValue)!;
            var (docs, freqs) = (new int[PostingBlocks.BlockSize], new int[PostingBlocks.BlockSize]);
            var decoded = new List<(int, int)>();
            for (var block = 0; block < blocks.BlockCount; block++)
            {
                var count = blocks.Decode(block, docs, freqs);
                decoded.AddRange(docs.Take(count).Zip(freqs.Take(count)));
                Assert.Equal(docs[count - 1], blocks.LastDoc(block));
            }

            Assert.Equal(postings, decoded);
            Assert.Equal(postings.Length, blocks.Count);
            Assert.Equal(postings.Max(p => p.Freq), blocks.MaxFreq);
            Assert.Equal(postings.Sum(p => (long)p.Freq), blocks.TotalFreq);
        });
    }

    [Fact]
    public void A_cursor_advances_to_the_first_document_at_or_after_any_target()
    {
        Gen.Select(_postings, Gen.Int[0, int.MaxValue - 1].Array[1, 20]).Sample((postings, targets) =>
        {
            var blocks = PostingBlocks.Read(new ListedDocs(postings), postings.Length, int.MaxValue)!;
            var cursor = new PostingCursor(blocks, null!);
            foreach (var target in targets.Order())
            {
                if (target > cursor.Doc)
                {
                    cursor.Advance(target);
                }

                var expected = postings.Select(p => p.Doc).Where(d => d >= target).DefaultIfEmpty(PostingCursor.NoMoreDocs).First();
                Assert.Equal(expected, cursor.Doc);
            }
        });
    }

    [Fact]
    public void A_word_in_no_document_has_no_copy() => Assert.Null(PostingBlocks.Read(new ListedDocs([]), 0, 10));

    [Theory]
    [InlineData(new[] { 3, 2 }, 2, 10)]
    [InlineData(new[] { 3, 3 }, 2, 10)]
    [InlineData(new[] { 3, 10 }, 2, 10)]
    [InlineData(new[] { 1, 2, 3 }, 2, 10)]
    [InlineData(new[] { 1 }, 11, 10)]
    [InlineData(new[] { 1 }, -1, 10)]
    public void Postings_that_contradict_their_segment_are_refused_as_damage(int[] docs, int docFreq, int maxDoc) =>
        Assert.Throws<Lucene.Net.Index.CorruptIndexException>(() => PostingBlocks.Read(new ListedDocs([.. docs.Select(d => (d, 1))]), docFreq, maxDoc));

    [Fact]
    public void A_frequency_under_one_is_refused_as_damage() =>
        Assert.Throws<Lucene.Net.Index.CorruptIndexException>(() => PostingBlocks.Read(new ListedDocs([(1, 0)]), 1, 10));

    /// <summary>Postings from a list, as Lucene's DocsEnum hands them over.</summary>
    private sealed class ListedDocs((int Doc, int Freq)[] postings) : DocsEnum
    {
        private int _next;

        public override int DocID => _next == 0 ? -1 : _next > postings.Length ? NO_MORE_DOCS : postings[_next - 1].Doc;

        public override int Freq => postings[_next - 1].Freq;

        public override int NextDoc()
        {
            _next++;
            return DocID;
        }

        public override int Advance(int target) => SlowAdvance(target);

        public override long GetCost() => postings.Length;
    }
}
