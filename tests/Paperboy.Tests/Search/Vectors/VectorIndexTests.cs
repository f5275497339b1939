using Paperboy.Search.Embeddings;
using Paperboy.Search.Vectors;
using Paperboy.Store;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Search.Vectors;

public sealed class VectorIndexTests
{
    private static readonly EmbeddingModel _model = new("tiny", "1", 2);

    private static VectorIndex Fixed()
    {
        var index = new VectorIndex(_model);
        index.Upsert("east", Unit(1, 0));
        index.Upsert("north-east", Unit(1, 1));
        index.Upsert("north", Unit(0, 1));
        index.Upsert("west", Unit(-1, 0));
        return index;
    }

    private static float[] Unit(float x, float y)
    {
        var vector = new[] { x, y };
        VectorMath.Normalize(vector);
        return vector;
    }

    /// <summary>A store in <paramref name="directory"/> holding papers 2401.00001 and 2401.00002, without vectors.</summary>
    private static SqlitePaperStore StoreOfTwoPapers(TempDirectory directory)
    {
        var store = SqlitePaperStore.Open(directory.Path);
        store.Merge([Arxiv("2401.00001"), Arxiv("2401.00002")]);
        return store;
    }

    [Fact]
    public void Search_returns_the_nearest_by_cosine_best_first()
    {
        using var index = Fixed();

        var hits = index.Search(Unit(1, 0.1f), 3);

        Assert.Equal(["east", "north-east", "north"], hits.Select(h => h.Id));
        Assert.True(hits[0].Score > hits[1].Score && hits[1].Score > hits[2].Score);
        Assert.Equal(4, index.Search(Unit(1, 0), 10).Count);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_id()
    {
        using var index = new VectorIndex(_model);
        index.Upsert("b", Unit(1, 0));
        index.Upsert("a", Unit(1, 0));
        index.Upsert("c", Unit(1, 0));

        Assert.Equal(["a", "b"], index.Search(Unit(1, 0), 2).Select(h => h.Id));
    }

    [Fact]
    public void Related_excludes_the_paper_itself_and_is_empty_without_a_vector()
    {
        using var index = Fixed();

        Assert.Equal(["north-east", "north"], index.Related("east", 2).Select(h => h.Id));
        Assert.Empty(index.Related("nowhere", 2));
    }

    [Fact]
    public void The_filter_keeps_only_accepted_papers_and_still_fills_k()
    {
        using var index = Fixed();

        var hits = index.Search(Unit(1, 0), 2, id => !id.Contains("east", StringComparison.Ordinal));

        Assert.Equal(["north", "west"], hits.Select(h => h.Id));
    }

    [Fact]
    public void Replacing_and_removing_vectors_keep_the_others_intact()
    {
        using var index = Fixed();

        index.Upsert("west", Unit(1, 0.05f));
        Assert.True(index.Remove("east"));
        Assert.False(index.Remove("east"));

        Assert.Equal(["west", "north-east", "north"], index.Search(Unit(1, 0), 5).Select(h => h.Id));
        Assert.Equal(3, index.Count);
        Assert.False(index.Contains("east"));
    }

    [Fact]
    public void A_vector_of_the_wrong_dimension_is_refused_naming_the_paper()
    {
        using var index = new VectorIndex(_model);

        var error = Assert.Throws<ArgumentException>(() => index.Upsert("2401.00001", new float[3]));

        Assert.Contains("2401.00001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_grows_past_its_first_capacity()
    {
        using var index = new VectorIndex(_model);
        for (var i = 0; i < 200; i++)
        {
            index.Upsert($"p{i:D3}", Unit(1, i / 100f));
        }

        Assert.Equal(200, index.Count);
        Assert.Equal("p000", index.Search(Unit(1, 0), 1)[0].Id);
        Assert.Equal("p199", index.Search(Unit(1, 2), 1)[0].Id);
    }

    [Fact]
    public void Catching_up_with_the_store_loads_only_new_vectors()
    {
        using var directory = new TempDirectory();
        using var store = StoreOfTwoPapers(directory);
        store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00001", 1, "h", Unit(1, 0))]);
        using var index = VectorIndex.Load(store, _model);
        Assert.Equal(1, index.Count);

        store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00002", 2, "h", Unit(0, 1))]);

        Assert.Equal(1, index.CatchUp(store, TestContext.Current.CancellationToken));
        Assert.Equal(0, index.CatchUp(store, TestContext.Current.CancellationToken));
        Assert.Equal("2401.00002", index.Search(Unit(0, 1), 1)[0].Id);
    }

    [Fact]
    public void A_cancelled_catch_up_applies_nothing_and_the_next_applies_everything()
    {
        using var directory = new TempDirectory();
        using var store = StoreOfTwoPapers(directory);
        store.SaveEmbeddings(_model, [new PaperEmbedding("2401.00001", 1, "h", Unit(1, 0)), new PaperEmbedding("2401.00002", 2, "h", Unit(0, 1))]);
        using var index = new VectorIndex(_model);

        Assert.Throws<OperationCanceledException>(() => index.CatchUp(store, new CancellationToken(true)));
        Assert.Equal(0, index.Count);
        Assert.Equal(0, index.AppliedSequence);

        Assert.Equal(2, index.CatchUp(store, TestContext.Current.CancellationToken));
        Assert.Equal("2401.00002", index.Search(Unit(0, 1), 1)[0].Id);
    }
}
