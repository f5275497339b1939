using Paperboy.Search;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Keyword;
using Paperboy.Search.Vectors;
using Paperboy.Tests.Search.Keyword;

namespace Paperboy.Tests.Search;

/// <summary>Hybrid search over the keyword test corpus, with the deterministic hashing embedder as its semantic leg.</summary>
public sealed class HybridSearchTests : IDisposable
{
    private readonly HashingTestEmbedder _embedder = new();
    private readonly KeywordIndex _keyword = KeywordIndex.InMemory();
    private readonly VectorIndex _vectors;

    public HybridSearchTests()
    {
        _keyword.Apply(KeywordCorpus.Changes);
        _vectors = new VectorIndex(EmbeddingPipeline.ModelOf(_embedder));
        foreach (var paper in KeywordCorpus.Papers)
        {
            _vectors.Upsert(paper.Id, _embedder.Embed(EmbeddingText.For(paper)));
        }
    }

    public void Dispose()
    {
        _keyword.Dispose();
        _vectors.Dispose();
    }

    private HybridSearch Search(ITextEmbedder? embedder = null, FusionOptions? fusion = null) =>
        new(_keyword, [new SemanticLeg(embedder ?? _embedder, _vectors)], fusion);

    [Fact]
    public void Each_hit_names_the_legs_that_found_it()
    {
        var response = Search().Search("molecule", 10);

        Assert.Equal("2501.00001", response.Hits[0].Id);
        Assert.Equal([HybridSearch.KeywordLeg, TextEmbedders.Hashing], response.Hits[0].Legs);
        Assert.Equal(5, response.Hits.Count);
        Assert.All(response.Hits.Skip(1), h => Assert.Equal([TextEmbedders.Hashing], h.Legs));
        Assert.Null(response.SemanticError);
    }

    [Fact]
    public void Keyword_mode_is_bm25_alone_with_its_own_scores()
    {
        var response = Search().Search("learning", 10, SearchMode.Keyword);

        var bm25 = _keyword.Search(SearchQueryParser.Parse("learning"), 10);
        Assert.Equal(bm25.Select(h => (h.Id, (double)h.Score)), response.Hits.Select(h => (h.Id, h.Score)));
        Assert.All(response.Hits, h => Assert.Equal([HybridSearch.KeywordLeg], h.Legs));
    }

    [Fact]
    public void Semantic_mode_ranks_by_cosine_alone()
    {
        var response = Search().Search("reinforcement robots", 2, SearchMode.Semantic);

        var expected = _vectors.Search(_embedder.EmbedQuery("reinforcement robots"), 2);
        Assert.Equal(expected.Select(h => h.Id), response.Hits.Select(h => h.Id));
        Assert.Equal("2501.00004", response.Hits[0].Id);
    }

    [Fact]
    public void Filters_and_exclusions_restrict_the_semantic_leg_too()
    {
        var filtered = Search().Search("learning cat:cs.LG", 10, SearchMode.Semantic);
        var excluded = Search().Search("learning -robot", 10);

        Assert.Equal(["2501.00001", "2501.00004"], filtered.Hits.Select(h => h.Id).Order());
        Assert.DoesNotContain(excluded.Hits, h => h.Id == "2501.00004");
        Assert.Equal(4, excluded.Hits.Count);
    }

    [Fact]
    public void The_response_says_how_many_papers_are_embedded()
    {
        _vectors.Remove("2501.00002");
        _vectors.Remove("2501.00003");

        var coverage = Assert.Single(Search().Search("graph", 5).Coverage);

        Assert.Equal(new LegCoverage(TextEmbedders.Hashing, 3, 5), coverage);
    }

    [Fact]
    public void Without_a_working_semantic_leg_search_answers_by_keyword_and_says_why()
    {
        var failing = Search(new FailingEmbedder()).Search("graph", 5, SearchMode.Semantic);
        var none = new HybridSearch(_keyword, []).Search("graph", 5);

        Assert.Equal(["2501.00001"], failing.Hits.Select(h => h.Id));
        Assert.Contains("model unavailable", failing.SemanticError, StringComparison.Ordinal);
        Assert.Equal(["2501.00001"], none.Hits.Select(h => h.Id));
        Assert.Contains("keyword-only", none.SemanticError, StringComparison.Ordinal);
    }

    [Fact]
    public void Reciprocal_rank_fusion_is_selectable()
    {
        var response = Search(fusion: new FusionOptions { Method = FusionMethod.ReciprocalRank }).Search("molecule", 3);

        Assert.Equal("2501.00001", response.Hits[0].Id);
        Assert.Equal(1.0 / 61 + 1.0 / 61, response.Hits[0].Score, 12);
    }

    [Fact]
    public void Pages_that_ask_for_the_same_candidates_are_slices_of_one_ranking()
    {
        // Two candidates a leg, fewer than the results: min-max scores over deeper lists would reorder the pages.
        var search = Search(fusion: new FusionOptions { Depth = 2 });
        var query = SearchQueryParser.Parse("learning graph");
        var ranking = Hits(search.Search(query, 10, candidates: search.FusionDepth));

        var pages = Enumerable.Range(1, ranking.Count)
            .Select(page => Hits(search.Search(query, page, candidates: search.FusionDepth))[page - 1])
            .ToList();

        Assert.InRange(ranking.Count, 3, 4);
        Assert.Equal(ranking, pages);
    }

    [Fact]
    public void Related_papers_exclude_the_paper_and_fall_back_to_keywords_without_a_vector()
    {
        var paper = KeywordCorpus.Papers[3];
        var related = Search().Related(paper, 3);
        _vectors.Remove(paper.Id);
        var byKeyword = Search().Related(paper, 3);

        Assert.Equal(3, related.Hits.Count);
        Assert.DoesNotContain(related.Hits, h => h.Id == paper.Id);
        Assert.All(related.Hits, h => Assert.Equal([TextEmbedders.Hashing], h.Legs));
        Assert.NotEmpty(byKeyword.Hits);
        Assert.DoesNotContain(byKeyword.Hits, h => h.Id == paper.Id);
        Assert.All(byKeyword.Hits, h => Assert.Equal([HybridSearch.KeywordLeg], h.Legs));
    }

    [Fact]
    public async Task Searches_in_flight_together_get_the_results_each_would_get_alone()
    {
        // More searches at once than cores, sharing both indexes: the first spreads its legs over the cores, the
        // others, finding the cores taken, run their legs one after the other.
        var together = Environment.ProcessorCount + 1;
        string[] queries = ["molecule", "learning", "graph", "reinforcement robots"];
        var alone = queries.Select(q => Hits(Search().Search(q, 10))).ToArray();
        using var meeting = new Barrier(together);
        var search = Search(new MeetingEmbedder(_embedder, meeting));
        var responses = await Task.WhenAll(Enumerable.Range(0, together).Select(i => Task.Factory.StartNew(
            () => search.Search(queries[i % queries.Length], 10), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        for (var i = 0; i < together; i++)
        {
            Assert.Equal(alone[i % queries.Length], Hits(responses[i]));
        }
    }

    private static List<(string Id, double Score, string Legs)> Hits(HybridResponse response) =>
        response.Hits.Select(h => (h.Id, h.Score, string.Join(',', h.Legs))).ToList();

    /// <summary>Holds each query until every search of the test embeds one, so that all are in progress at once.</summary>
    private sealed class MeetingEmbedder(ITextEmbedder inner, Barrier meeting) : ITextEmbedder
    {
        public string Name => inner.Name;

        public string Version => inner.Version;

        public int Dimension => inner.Dimension;

        public float[][] EmbedDocuments(IReadOnlyList<string> texts) => inner.EmbedDocuments(texts);

        public float[] EmbedQuery(string query) => meeting.SignalAndWait(TimeSpan.FromMinutes(1))
            ? inner.EmbedQuery(query)
            : throw new TimeoutException("not every search of the test reached the embedder within a minute");
    }

    private sealed class FailingEmbedder : ITextEmbedder
    {
        public string Name => TextEmbedders.Hashing;

        public string Version => "1;dim64";

        public int Dimension => 64;

        public float[][] EmbedDocuments(IReadOnlyList<string> texts) => throw new InvalidOperationException("model unavailable");

        public float[] EmbedQuery(string query) => throw new InvalidOperationException("model unavailable");
    }
}
