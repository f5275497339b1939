namespace Paperboy.Search.Evaluation;

/// <summary>Ranking quality of one query's results against graded relevance judgments, as trec_eval computes them.</summary>
/// <remarks>A grade above 0 counts as relevant; gains are the grades themselves (linear), discounts log2(rank + 1).</remarks>
public static class RankingMetrics
{
    /// <summary>Normalised discounted cumulative gain of the first <paramref name="k"/> results; 0 when nothing is relevant.</summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (grades.TryGetValue(ranked[i], out var grade) && grade > 0)
            {
                dcg += grade / Math.Log2(i + 2);
            }
        }

        var ideal = grades.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>The share of the relevant documents found in the first <paramref name="k"/> results; 0 when nothing is relevant.</summary>
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var relevant = grades.Values.Count(g => g > 0);
        if (relevant == 0)
        {
            return 0;
        }

        var found = ranked.Take(k).Distinct(StringComparer.Ordinal).Count(id => grades.TryGetValue(id, out var g) && g > 0);
        return (double)found / relevant;
    }

    /// <summary>1 / the rank of the first relevant result within the first <paramref name="k"/>, else 0.</summary>
    public static double ReciprocalRankAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (grades.TryGetValue(ranked[i], out var grade) && grade > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }
}
