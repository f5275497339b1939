using Paperboy.Search.Vectors;

namespace Paperboy.Tests.Search.Vectors;

/// <summary>The int8 stage's candidates: the same best rows as a full sort, whatever the order of the offers.</summary>
public sealed class CandidateBufferTests
{
    /// <summary>Ties go to the higher row number here, so that a buffer preferring the lower one (the natural order) would fail.</summary>
    private static readonly IComparer<int> _higherRowFirst = Comparer<int>.Create((a, b) => b.CompareTo(a));

    [Theory]
    [InlineData(200, 4_800, 50)]
    [InlineData(200, 4_800, 5)]
    [InlineData(3, 1_000, 2)]
    [InlineData(100, 60, 10)]
    public void Keeps_the_best_rows_with_ties_settled_by_the_order_it_was_given(int capacity, int offers, int distinctScores)
    {
        var random = new Random(capacity + offers + distinctScores);
        var scores = Enumerable.Range(0, offers).Select(_ => random.Next(distinctScores)).ToArray();
        var buffer = new CandidateBuffer(capacity, _higherRowFirst);
        foreach (var row in Enumerable.Range(0, offers).OrderBy(_ => random.Next()))
        {
            if (buffer.Admits(scores[row]))
            {
                buffer.Add(scores[row], row);
            }
        }

        Assert.Equal(Expected(scores, capacity), buffer.Best().ToArray().Order());
    }

    [Fact]
    public void Buffers_filled_apart_and_merged_keep_what_one_buffer_would()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 3_000).Select(_ => random.Next(40)).ToArray();
        var (even, odd) = (new CandidateBuffer(150, _higherRowFirst), new CandidateBuffer(150, _higherRowFirst));
        for (var row = 0; row < scores.Length; row++)
        {
            (row % 2 == 0 ? even : odd).Add(scores[row], row);
        }

        even.AddAll(odd);

        Assert.Equal(Expected(scores, 150), even.Best().ToArray().Order());
    }

    [Fact]
    public void A_row_below_the_best_kept_is_refused_once_the_buffer_has_been_cut()
    {
        var buffer = new CandidateBuffer(2, _higherRowFirst);
        foreach (var (score, row) in new[] { (10, 0), (20, 1), (30, 2), (40, 3) })
        {
            buffer.Add(score, row);
        }

        Assert.False(buffer.Admits(29));
        Assert.True(buffer.Admits(30));
        buffer.Add(30, 9);
        Assert.Equal([3, 9], buffer.Best().ToArray().Order());
    }

    private static IEnumerable<int> Expected(int[] scores, int capacity) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(row => scores[row]).ThenByDescending(row => row).Take(capacity).Order();
}
