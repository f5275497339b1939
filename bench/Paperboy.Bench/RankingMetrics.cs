namespace Paperboy.Bench;

/// <summary>Retrieval metrics as BEIR computes them (trec_eval's definitions), for one query.</summary>
internal static class RankingMetrics
{
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.TryGetValue(ranked[i], out var grade) && grade > 0)
            {
                dcg += grade / Math.Log2(i + 2);
            }
        }

        var ideal = relevant.Values.Where(g => g > 0).OrderDescending().Take(k).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant)
    {
        var wanted = relevant.Count(r => r.Value > 0);
        return wanted == 0 ? 0 : (double)ranked.Take(k).Count(id => relevant.TryGetValue(id, out var g) && g > 0) / wanted;
    }
}
