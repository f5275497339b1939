using CsCheck;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search.Keyword;

/// <summary>The kept documents are those Lucene's collector keeps: the best scores, ties at the last place to the lower document.</summary>
public sealed class TopScoringDocsTests
{
    [Fact]
    public void Offered_in_document_order_the_best_are_kept_ties_to_the_lower_document()
    {
        // Few distinct scores, so that ties are everywhere, and limits below, at and above the offers.
        Gen.Select(Gen.Int[0, 6].Array[0, 300], Gen.Int[1, 120]).Sample((scores, limit) =>
        {
            var top = new TopScoringDocs(limit);
            var threshold = new List<double>();
            for (var doc = 0; doc < scores.Length; doc++)
            {
                top.Offer(doc, scores[doc] / 4f);
                threshold.Add(top.Threshold);
            }

            var expected = scores.Select((score, doc) => (Doc: doc, Score: score / 4f))
                .OrderByDescending(d => d.Score).ThenBy(d => d.Doc).Take(limit).ToList();
            Assert.Equal(expected, top.Results().Select(d => (d.Doc, d.Score)));

            // The threshold is the last kept score once the list is full, and only rises.
            Assert.Equal(scores.Length >= limit ? expected[^1].Score : double.NegativeInfinity, top.Threshold);
            Assert.Equal(threshold.Order(), threshold);
        });
    }
}
