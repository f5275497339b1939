using System.Runtime.InteropServices;

namespace Paperboy.Search;

/// <summary>How the legs of a hybrid search are combined into one ranking.</summary>
public enum FusionMethod
{
    /// <summary>Min-max normalise each leg's scores to [0, 1], then add them weighted (a leg that missed a paper adds 0).</summary>
    Convex,

    /// <summary>Reciprocal rank fusion: each leg adds 1 / (k + rank); scores are ignored, only ranks count.</summary>
    ReciprocalRank,
}

/// <summary>Fusion settings; the defaults are the best measured on SciFact's train split (convex, keyword weight 0.5).</summary>
public sealed record FusionOptions
{
    /// <summary>The settings measured best: convex combination, half keyword and half semantic.</summary>
    public static FusionOptions Default { get; } = new();

    public FusionMethod Method { get; init; } = FusionMethod.Convex;

    /// <summary>For <see cref="FusionMethod.Convex"/>: the keyword leg's weight; the semantic legs share the rest equally.</summary>
    public double KeywordWeight { get; init; } = 0.5;

    /// <summary>For <see cref="FusionMethod.ReciprocalRank"/>: the rank constant (60 in the original paper).</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>How many candidates each leg contributes before fusion (at least the number of results asked for).</summary>
    public int Depth { get; init; } = 100;
}

/// <summary>One leg's ranking, best first, and its weight in a convex combination.</summary>
public sealed record RankedLeg(string Name, double Weight, IReadOnlyList<(string Id, double Score)> Hits);

/// <summary>A fused result: the paper, its fused score, and the names of the legs that found it.</summary>
public sealed record FusedHit(string Id, double Score, IReadOnlyList<string> Legs);

/// <summary>Combines several rankings of the same papers into one.</summary>
public static class RankFusion
{
    /// <summary>The fused ranking of <paramref name="legs"/>, best first; equal scores by id.</summary>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<RankedLeg> legs, FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(legs);
        ArgumentNullException.ThrowIfNull(options);
        return options.Method == FusionMethod.ReciprocalRank ? Reciprocal(legs, options.RrfK) : Convex(legs);
    }

    /// <summary>Reciprocal rank fusion: score = sum over legs of 1 / (k + rank), ranks from 1.</summary>
    public static IReadOnlyList<FusedHit> Reciprocal(IReadOnlyList<RankedLeg> legs, int k)
    {
        ArgumentNullException.ThrowIfNull(legs);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var fused = new Sums(legs);
        foreach (var leg in legs)
        {
            for (var rank = 0; rank < leg.Hits.Count; rank++)
            {
                fused.Add(leg.Hits[rank].Id, leg.Name, 1.0 / (k + rank + 1));
            }
        }

        return fused.Ordered();
    }

    /// <summary>Convex combination: score = sum over legs of weight × (score − min) / (max − min); a leg whose scores are all equal gives each 1.</summary>
    public static IReadOnlyList<FusedHit> Convex(IReadOnlyList<RankedLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        var fused = new Sums(legs);
        foreach (var leg in legs)
        {
            if (leg.Hits.Count == 0)
            {
                continue;
            }

            var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
            foreach (var (_, score) in leg.Hits)
            {
                (min, max) = (Math.Min(min, score), Math.Max(max, score));
            }

            var range = max - min;
            foreach (var (id, score) in leg.Hits)
            {
                fused.Add(id, leg.Name, leg.Weight * (range > 0 ? (score - min) / range : 1));
            }
        }

        return fused.Ordered();
    }

    /// <summary>Each paper's fused score so far and the legs that found it.</summary>
    /// <remarks>A search fuses about 200 candidates: a paper found by one leg shares that leg's one-name list, and only one found by several gets a list of its own.</remarks>
    private sealed class Sums(IReadOnlyList<RankedLeg> legs)
    {
        private readonly Dictionary<string, (double Score, IReadOnlyList<string> Legs)> _papers =
            new(legs.Sum(leg => leg.Hits.Count), StringComparer.Ordinal);

        private readonly Dictionary<string, string[]> _alone = new(StringComparer.Ordinal);

        public void Add(string id, string leg, double score)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_papers, id, out var found);
            if (!found)
            {
                entry = (score, Alone(leg));
                return;
            }

            if (!entry.Legs.Contains(leg))
            {
                var several = entry.Legs as List<string> ?? [.. entry.Legs];
                several.Add(leg);
                entry.Legs = several;
            }

            entry.Score += score;
        }

        /// <summary>Best first; equal scores by id.</summary>
        public List<FusedHit> Ordered()
        {
            var hits = new List<FusedHit>(_papers.Count);
            foreach (var (id, (score, legs)) in _papers)
            {
                hits.Add(new FusedHit(id, score, legs));
            }

            hits.Sort(static (a, b) => b.Score.CompareTo(a.Score) is var order and not 0 ? order : string.CompareOrdinal(a.Id, b.Id));
            return hits;
        }

        private string[] Alone(string leg)
        {
            ref var alone = ref CollectionsMarshal.GetValueRefOrAddDefault(_alone, leg, out _);
            return alone ??= [leg];
        }
    }
}
