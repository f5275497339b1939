using Paperboy.Search;

namespace Paperboy.Tests.Search;

public sealed class RankFusionTests
{
    private static RankedLeg Leg(string name, double weight, params (string Id, double Score)[] hits) => new(name, weight, hits);

    [Fact]
    public void Reciprocal_rank_fusion_adds_one_over_k_plus_rank_per_leg()
    {
        var fused = RankFusion.Reciprocal([Leg("bm25", 0.5, ("a", 9), ("b", 8), ("c", 7)), Leg("dense", 0.5, ("c", 0.9), ("a", 0.8))], 60);

        Assert.Equal(["a", "c", "b"], fused.Select(h => h.Id));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused[0].Score, 12);
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[1].Score, 12);
        Assert.Equal(["bm25", "dense"], fused[0].Legs);
        Assert.Equal(["bm25"], fused[2].Legs);
    }

    [Fact]
    public void Convex_fusion_min_max_normalises_each_leg_and_weights_it()
    {
        var fused = RankFusion.Convex([Leg("bm25", 0.5, ("a", 10), ("b", 5), ("c", 0)), Leg("dense", 0.5, ("c", 0.9), ("a", 0.5), ("d", 0.1))]);

        Assert.Equal(["a", "c", "b", "d"], fused.Select(h => h.Id));
        Assert.Equal([0.75, 0.5, 0.25, 0.0], fused.Select(h => Math.Round(h.Score, 12)));
        Assert.Equal(["dense"], fused[3].Legs);
    }

    [Fact]
    public void A_heavier_keyword_weight_lets_a_keyword_only_hit_overtake()
    {
        var fused = RankFusion.Convex([Leg("bm25", 0.9, ("a", 10), ("b", 5), ("c", 0)), Leg("dense", 0.1, ("c", 0.9), ("a", 0.5), ("d", 0.1))]);

        Assert.Equal(["a", "b", "c", "d"], fused.Select(h => h.Id));
    }

    [Fact]
    public void A_leg_of_equal_scores_gives_each_hit_its_full_weight_and_ties_go_by_id()
    {
        var fused = RankFusion.Convex([Leg("bm25", 0.3, ("b", 0), ("a", 0)), Leg("dense", 0.7)]);

        Assert.Equal(["a", "b"], fused.Select(h => h.Id));
        Assert.All(fused, h => Assert.Equal(0.3, h.Score, 12));
    }

    [Fact]
    public void Fuse_uses_the_configured_method()
    {
        RankedLeg[] legs = [Leg("bm25", 0.5, ("a", 10), ("b", 9.9), ("e", 0)), Leg("dense", 0.5, ("b", 0.9), ("c", 0.1))];

        var convex = RankFusion.Fuse(legs, new FusionOptions { Method = FusionMethod.Convex });
        var reciprocal = RankFusion.Fuse(legs, new FusionOptions { Method = FusionMethod.ReciprocalRank, RrfK = 1 });

        Assert.Equal(["b", "a", "c", "e"], convex.Select(h => h.Id));
        Assert.Equal(1.0 / 3 + 1.0 / 2, reciprocal[0].Score, 12);
        Assert.Empty(RankFusion.Fuse([], FusionOptions.Default));
    }
}
