namespace Paperboy.Search.Evaluation;

/// <summary>Mean ranking quality over the judged queries of a benchmark (a judged query without results scores 0).</summary>
public sealed record RetrievalScores(int Queries, double NdcgAt10, double RecallAt100, double MrrAt10);

/// <summary>Scores a retrieval run (ranked ids per query) against relevance judgments with the standard cut-offs.</summary>
public static class RetrievalEvaluation
{
    /// <summary>Mean nDCG@10, recall@100 and MRR@10 over every query in <paramref name="judgments"/>.</summary>
    public static RetrievalScores Score(IReadOnlyDictionary<string, IReadOnlyList<string>> run, RelevanceJudgments judgments)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(judgments);
        double ndcg = 0, recall = 0, mrr = 0;
        foreach (var (queryId, grades) in judgments.ByQuery)
        {
            var ranked = run.TryGetValue(queryId, out var found) ? found : [];
            ndcg += RankingMetrics.NdcgAt(ranked, grades, 10);
            recall += RankingMetrics.RecallAt(ranked, grades, 100);
            mrr += RankingMetrics.ReciprocalRankAt(ranked, grades, 10);
        }

        var count = judgments.ByQuery.Count;
        return count == 0 ? new RetrievalScores(0, 0, 0, 0) : new RetrievalScores(count, ndcg / count, recall / count, mrr / count);
    }
}
