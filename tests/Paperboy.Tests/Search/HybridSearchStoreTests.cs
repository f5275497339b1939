using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;
using Paperboy.Store.Sqlite;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

/// <summary>From the store to a hybrid answer: import, follow the change feed, embed, load vectors, search.</summary>
public sealed class HybridSearchStoreTests
{
    private static PaperRecord Record(string id, string title, string abstractText, string category) => new()
    {
        Source = "test",
        Origin = "test:1",
        ArxivId = id,
        Title = title,
        Abstract = abstractText,
        Authors = ["Ada Lovelace"],
        Categories = [category],
    };

    [Fact]
    public void Papers_imported_into_a_store_are_found_by_both_legs_once_indexed_and_embedded()
    {
        using var directory = new TempDirectory();
        using var store = SqlitePaperStore.Open(directory.Path);
        store.Merge([
            Record("2401.00001", "Protein folding with transformers", "Transformers predict protein structure.", "q-bio.BM"),
            Record("2401.00002", "Galaxy rotation curves", "Dark matter explains rotation curves of galaxies.", "astro-ph.GA"),
            Record("2401.00003", "Sparse attention for long documents", "Attention over long texts with sparse patterns.", "cs.CL"),
        ]);
        using var keyword = KeywordIndex.Open(KeywordIndex.DirectoryIn(directory.Path));
        new KeywordIndexFollower(store, keyword).CatchUp(cancellation: TestContext.Current.CancellationToken);
        var embedder = new HashingTestEmbedder();
        var embedded = new EmbeddingPipeline(store, embedder).Run(cancellation: TestContext.Current.CancellationToken);
        using var vectors = VectorIndex.Load(store, EmbeddingPipeline.ModelOf(embedder));
        var search = new HybridSearch(keyword, [new SemanticLeg(embedder, vectors)]);

        var response = search.Search("protein transformers", 3);
        var filtered = search.Search("attention cat:astro-ph", 3);

        Assert.Equal(3, embedded.Embedded);
        Assert.Equal("2401.00001", response.Hits[0].Id);
        Assert.Equal([HybridSearch.KeywordLeg, TextEmbedders.Hashing], response.Hits[0].Legs);
        Assert.Equal(new LegCoverage(TextEmbedders.Hashing, 3, 3), Assert.Single(response.Coverage));
        Assert.Equal(["2401.00002"], filtered.Hits.Select(h => h.Id));
    }
}
