using Paperboy.Search.Evaluation;

namespace Paperboy.Tests.Search.Evaluation;

public sealed class RankingMetricsTests
{
    // d2 (grade 2) at rank 2 and d4 (grade 1) at rank 4 are found; d9 (grade 1) is not; d1 is judged irrelevant.
    private static readonly string[] _ranked = ["d1", "d2", "d3", "d4"];

    private static readonly Dictionary<string, int> _grades = new() { ["d1"] = 0, ["d2"] = 2, ["d4"] = 1, ["d9"] = 1 };

    [Fact]
    public void Ndcg_uses_linear_gains_and_log2_discounts()
    {
        // DCG = 2/log2(3) + 1/log2(5) = 1.2618595 + 0.4306766 = 1.6925361
        // IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.6309298 + 0.5 = 3.1309298
        Assert.Equal(0.540586, RankingMetrics.NdcgAt(_ranked, _grades, 10), 6);
    }

    [Fact]
    public void Ndcg_cuts_both_the_ranking_and_the_ideal_at_k()
    {
        // DCG@2 = 2/log2(3) = 1.2618595; IDCG@2 = 2 + 1/log2(3) = 2.6309298
        Assert.Equal(0.479625, RankingMetrics.NdcgAt(_ranked, _grades, 2), 6);
    }

    [Fact]
    public void A_perfect_ranking_has_ndcg_one() =>
        Assert.Equal(1.0, RankingMetrics.NdcgAt(["d2", "d4", "d9"], _grades, 10), 12);

    [Fact]
    public void Recall_counts_relevant_documents_found_within_k()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.RecallAt(_ranked, _grades, 100), 12);
        Assert.Equal(1.0 / 3, RankingMetrics.RecallAt(_ranked, _grades, 2), 12);
        Assert.Equal(0.0, RankingMetrics.RecallAt(_ranked, _grades, 1));
    }

    [Fact]
    public void Reciprocal_rank_is_that_of_the_first_relevant_result_within_k()
    {
        Assert.Equal(0.5, RankingMetrics.ReciprocalRankAt(_ranked, _grades, 10));
        Assert.Equal(0.0, RankingMetrics.ReciprocalRankAt(_ranked, _grades, 1));
    }

    [Fact]
    public void Nothing_relevant_scores_zero_everywhere()
    {
        var none = new Dictionary<string, int> { ["d1"] = 0 };

        Assert.Equal(0.0, RankingMetrics.NdcgAt(_ranked, none, 10));
        Assert.Equal(0.0, RankingMetrics.RecallAt(_ranked, none, 10));
        Assert.Equal(0.0, RankingMetrics.ReciprocalRankAt(_ranked, none, 10));
    }

    [Fact]
    public void Evaluation_averages_over_judged_queries_and_scores_missing_runs_zero()
    {
        var judgments = new RelevanceJudgments(new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = _grades,
            ["q2"] = new Dictionary<string, int> { ["x"] = 1 },
            ["q3"] = new Dictionary<string, int> { ["y"] = 1 },
        });
        var run = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = _ranked, ["q2"] = ["x"], ["unjudged"] = ["z"] };

        var scores = RetrievalEvaluation.Score(run, judgments);

        Assert.Equal(3, scores.Queries);
        Assert.Equal((0.540586 + 1 + 0) / 3, scores.NdcgAt10, 6);
        Assert.Equal(((2.0 / 3) + 1 + 0) / 3, scores.RecallAt100, 12);
        Assert.Equal((0.5 + 1 + 0) / 3, scores.MrrAt10, 12);
    }
}
