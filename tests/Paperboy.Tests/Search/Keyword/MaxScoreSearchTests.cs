using CsCheck;
using Paperboy.Papers;
using Paperboy.Search.Keyword;
using Paperboy.Store;

namespace Paperboy.Tests.Search.Keyword;

/// <summary>The pruned keyword search against Lucene's own scoring of the same query, on random corpora.</summary>
public sealed class MaxScoreSearchTests
{
    /// <summary>Two words in almost every paper (their idf is tiny), a few in some, one in none.</summary>
    private static readonly Gen<string> _word = Gen.Frequency(
        (4, Gen.OneOf("model", "learning")),
        (6, Gen.OneOf("graph", "quantum", "protein", "galaxy", "lattice", "entropy", "tensor", "boson")),
        (1, Gen.OneOf("xylophone")));

    private static readonly Gen<string> _text = Gen.Select(_word.Array[0, 14], Gen.Bool)
        .Select((words, common) => (common ? "model " : "") + string.Join(' ', words.Where(w => w != "xylophone")));

    /// <summary>Papers written, rewritten and deleted (null text) by id, applied in batches: one segment per batch.</summary>
    private static readonly Gen<(int Id, string? Text)[][]> _history =
        Gen.Select(Gen.Int[0, 40], _text, Gen.Int[0, 9]).Select((id, text, roll) => (id, roll == 0 ? null : text)).Array[1, 12].Array[1, 8];

    private static readonly Gen<(string[] Words, int Limit)> _query =
        Gen.Select(_word.Array[1, 8], Gen.Frequency((3, Gen.Int[1, 12]), (1, Gen.Int[12, 60])));

    [Fact]
    public void Pruned_search_returns_exactly_what_Lucene_returns()
    {
        Gen.Select(_history, _query.Array[1, 6]).Sample((history, queries) =>
        {
            using var index = Indexed(history);
            foreach (var (words, limit) in queries)
            {
                var query = new SearchQuery { Terms = words };
                Assert.Equal(index.SearchWithLucene(query, limit), index.Search(query, limit));
            }
        });
    }

    [Fact]
    public void Equal_scores_at_the_last_place_keep_the_papers_Lucene_keeps()
    {
        // Twenty identical papers tie; Lucene keeps the earliest indexed, then orders the kept ones by id.
        using var index = Indexed([[.. Enumerable.Range(0, 20).Select(i => (39 - i, (string?)"graph lattice"))]]);
        var query = new SearchQuery { Terms = ["lattice"] };

        var hits = index.Search(query, 5);

        Assert.Equal(index.SearchWithLucene(query, 5), hits);
        Assert.Equal(["p35", "p36", "p37", "p38", "p39"], hits.Select(h => h.Id));
    }

    [Fact]
    public void A_huge_limit_returns_every_match_once()
    {
        using var index = Indexed([[(1, "graph"), (2, "graph model"), (3, "model")], [(2, null), (4, "graph graph")]]);
        var query = new SearchQuery { Terms = ["graph", "model", "model"] };

        var hits = index.Search(query, int.MaxValue);

        Assert.Equal(["p1", "p3", "p4"], hits.Select(h => h.Id).Order());
        Assert.Equal(index.SearchWithLucene(query, int.MaxValue), hits);
    }

    [Fact]
    public void Many_windows_blocks_and_segments_still_match_Lucene()
    {
        // 6,000 papers in three segments with rewrites and deletions: postings span many blocks and windows, and some
        // words occur more often in a paper than the share table prices in advance.
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 60).Select(i => $"w{i}x").ToArray();
        string Text() => string.Join(' ', Enumerable.Range(0, random.Next(1, 40))
            .Select(_ => vocabulary[(int)Math.Min(vocabulary.Length - 1, -Math.Log(1 - random.NextDouble()) * 8)])
            .Concat(Enumerable.Repeat("w5x", random.Next(10) == 0 ? random.Next(17, 40) : 0)));
        using var index = Indexed([
            [.. Enumerable.Range(0, 4000).Select(id => (id, (string?)Text()))],
            [.. Enumerable.Range(0, 1500).Select(_ => random.Next(6000)).Distinct().Select(id => (id, random.Next(4) == 0 ? null : (string?)Text()))],
            [.. Enumerable.Range(4000, 2000).Select(id => (id, (string?)Text()))],
        ]);

        for (var q = 0; q < 40; q++)
        {
            var words = Enumerable.Range(0, random.Next(1, 9)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
            var query = new SearchQuery { Terms = words };
            foreach (var limit in new[] { 1, 10, 100, 1000 })
            {
                Assert.Equal(index.SearchWithLucene(query, limit), index.Search(query, limit));
            }
        }
    }

    [Fact]
    public void Postings_copied_ahead_are_copied_once_and_search_alike()
    {
        // One segment per batch: graph, model, lattice in the first; model, tensor in the second.
        using var index = Indexed([[(1, "graph model"), (2, "graph graph lattice")], [(3, "model tensor")]]);
        var query = new SearchQuery { Terms = ["graph", "model", "tensor"] };

        Assert.Equal((5, 6L), index.CopyPostingsIntoMemory(TestContext.Current.CancellationToken));
        Assert.Equal((0, 0L), index.CopyPostingsIntoMemory(TestContext.Current.CancellationToken));
        Assert.Equal(index.SearchWithLucene(query, 10), index.Search(query, 10));

        // A new segment: only its words are copied.
        index.Apply([new PaperChange(10, "p4", Paper(4, "tensor boson"))]);
        Assert.Equal((2, 2L), index.CopyPostingsIntoMemory(TestContext.Current.CancellationToken));
        Assert.Equal(index.SearchWithLucene(query, 10), index.Search(query, 10));
    }

    [Theory]
    [InlineData("graphs graph networks", "graph:2 network:1")]
    [InlineData("The graph of the network", "graph:1 network:1")]
    public void Words_alone_compile_to_weighted_terms(string text, string expected)
    {
        using var analyzer = KeywordAnalysis.Create();
        var compiled = new KeywordQueryBuilder(analyzer).Compile(SearchQueryParser.Parse(text));

        Assert.Equal(expected, string.Join(' ', compiled!.WordsOnly!.Select(w => $"{w.Term}:{w.Count}")));
    }

    [Theory]
    [InlineData("graph \"neural network\"")]
    [InlineData("graph -network")]
    [InlineData("graph cat:cs.LG")]
    [InlineData("graph year:2025")]
    [InlineData("graph author:lecun")]
    [InlineData("\"graph\"")]
    public void Phrases_exclusions_and_filters_leave_the_query_to_Lucene(string text)
    {
        using var analyzer = KeywordAnalysis.Create();

        Assert.Null(new KeywordQueryBuilder(analyzer).Compile(SearchQueryParser.Parse(text))!.WordsOnly);
    }

    private static KeywordIndex Indexed(IEnumerable<IEnumerable<(int Id, string? Text)>> batches)
    {
        var index = KeywordIndex.InMemory();
        var sequence = 0L;
        foreach (var batch in batches)
        {
            index.Apply([.. batch.Select(change => new PaperChange(++sequence, $"p{change.Id}", change.Text is null ? null : Paper(change.Id, change.Text)))]);
        }

        return index;
    }

    private static Paper Paper(int id, string text) => new()
    {
        Id = $"p{id}",
        Title = text,
        Abstract = "",
        Authors = [],
        Categories = [],
    };
}
