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

    /// <summary>Papers' categories and days, by id (see <see cref="Paper"/>).</summary>
    private static readonly string[] _categories = ["cs.LG", "cs.CL", "math.CO", "q-bio.BM"];

    /// <summary>
    /// Filters and exclusions beside the words: a category (a quarter of the papers), an archive, a single day (a tenth,
    /// few enough to be visited one by one), an excluded word or category, or two of them.
    /// </summary>
    private static readonly Gen<Func<SearchQuery, SearchQuery>> _restriction = Gen.Int[0, 6].Select(Gen.Int[0, 9], _word, (kind, day, word) =>
        new Func<SearchQuery, SearchQuery>(query => kind switch
        {
            0 => query with { Filters = new SearchFilters { Categories = [_categories[day % 4]] } },
            1 => query with { Filters = new SearchFilters { Categories = ["cs"] } },
            2 => query with { Filters = new SearchFilters { From = Day(day), To = Day(day) } },
            3 => query with { ExcludedTerms = [word] },
            4 => query with { Filters = new SearchFilters { ExcludedCategories = [_categories[day % 4]] } },
            5 => query with { ExcludedTerms = [word], Filters = new SearchFilters { Categories = ["cs"] } },
            _ => query with { Filters = new SearchFilters { Categories = [_categories[day % 4]], From = Day(day), To = Day(day + 3) } },
        }));

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
    public void Pruned_search_with_filters_and_exclusions_returns_exactly_what_Lucene_returns()
    {
        Gen.Select(_history, Gen.Select(_query, _restriction).Array[1, 6]).Sample((history, queries) =>
        {
            using var index = Indexed(history);
            foreach (var ((words, limit), restrict) in queries)
            {
                var query = restrict(new SearchQuery { Terms = words });
                Assert.Equal(index.SearchWithLucene(query, limit), index.Search(query, limit));
            }
        });
    }

    [Fact]
    public void Filters_and_exclusions_alone_list_newest_first_exactly_as_Lucene_does()
    {
        // Ten days for up to 41 papers: many share a day, so the order among equals (document number) is tested too.
        Gen.Select(_history, Gen.Select(_query, _restriction).Array[1, 6]).Sample((history, queries) =>
        {
            using var index = Indexed(history);
            foreach (var ((_, limit), restrict) in queries)
            {
                var query = restrict(new SearchQuery());
                Assert.Equal(index.SearchWithLucene(query, limit), index.Search(query, limit));
            }
        });
    }

    [Fact]
    public void A_listing_that_admits_few_papers_keeps_the_newest_of_them()
    {
        // 200 papers; the exclusion admits papers 3, 25 and 39 alone (days 3, 5 and 9), fewer than one in 64.
        using var index = Indexed([[.. Enumerable.Range(0, 200).Select(id => (id, (string?)(id is 3 or 25 or 39 ? "lattice" : "graph")))]]);
        var query = new SearchQuery { ExcludedTerms = ["graph"] };

        var hits = index.Search(query, 2);

        Assert.Equal(["p39", "p25"], hits.Select(h => h.Id));
        Assert.Equal(index.SearchWithLucene(query, 2), hits);
    }

    [Fact]
    public void Papers_without_a_day_are_listed_last_as_Lucene_lists_them()
    {
        // The first segment mixes dated and undated papers (3 and 7); the second has no day at all.
        using var index = KeywordIndex.InMemory();
        Paper Undated(int id) => Paper(id, "graph") with { Listed = null };
        index.Apply([.. Enumerable.Range(0, 12).Select(id => new PaperChange(id + 1, $"p{id}", id is 3 or 7 ? Undated(id) : Paper(id, "graph")))]);
        index.Apply([.. Enumerable.Range(20, 3).Select(id => new PaperChange(id, $"p{id}", Undated(id)))]);
        var query = new SearchQuery { ExcludedTerms = ["lattice"] };

        var hits = index.Search(query, 20);

        Assert.Equal(["p20", "p21", "p22", "p3", "p7"], hits.TakeLast(5).Select(h => h.Id).Order());
        Assert.Equal(index.SearchWithLucene(query, 20), hits);
        Assert.Equal(index.SearchWithLucene(query, 11), index.Search(query, 11));
    }

    [Fact]
    public void Deletions_made_after_a_search_in_the_same_segment_are_seen_by_the_next()
    {
        using var index = Indexed([[.. Enumerable.Range(0, 10).Select(id => (id, (string?)"graph"))]]);
        var listing = new SearchQuery { Filters = new SearchFilters { Categories = ["cs"] } };
        var words = listing with { Terms = ["graph"] };

        foreach (var deleted in new[] { 4, 5 })
        {
            index.Apply([new PaperChange(20 + deleted, $"p{deleted}", null)]);
            Assert.DoesNotContain($"p{deleted}", index.Search(listing, 10).Select(h => h.Id));
            Assert.Equal(index.SearchWithLucene(listing, 10), index.Search(listing, 10));
            Assert.Equal(index.SearchWithLucene(words, 10), index.Search(words, 10));
        }

        Assert.Equal(["p0", "p1", "p8", "p9"], index.Search(words, 10).Select(h => h.Id).Order());
    }

    [Fact]
    public void A_filter_searched_again_after_deletions_and_additions_finds_what_Lucene_finds()
    {
        // Papers 0, 4 and 8 are in cs.LG; the filter's matches are kept with the first segment after the first search.
        using var index = Indexed([[.. Enumerable.Range(0, 10).Select(id => (id, (string?)"graph lattice"))]]);
        var query = new SearchQuery { Terms = ["graph"], Filters = new SearchFilters { Categories = ["cs.LG"] } };
        Assert.Equal(["p0", "p4", "p8"], index.Search(query, 10).Select(h => h.Id).Order());

        // Paper 4 deleted (in the same segment), paper 12 added (in a new one).
        index.Apply([new PaperChange(11, "p4", null), new PaperChange(12, "p12", Paper(12, "graph"))]);

        var hits = index.Search(query, 10);
        Assert.Equal(["p0", "p12", "p8"], hits.Select(h => h.Id).Order());
        Assert.Equal(index.SearchWithLucene(query, 10), hits);
    }

    [Fact]
    public void An_exclusion_searched_again_after_deletions_and_additions_finds_what_Lucene_finds()
    {
        // Papers 1, 2 and 3 hold "lattice"; the exclusion's matches are kept with the first segment after the first search.
        using var index = Indexed([[.. Enumerable.Range(0, 10).Select(id => (id, (string?)(id is >= 1 and <= 3 ? "graph lattice" : "graph")))]]);
        var query = new SearchQuery { Terms = ["graph"], ExcludedTerms = ["lattice"] };
        var listing = new SearchQuery { ExcludedTerms = ["lattice"] };
        Assert.Equal(["p0", "p4", "p5", "p6", "p7", "p8", "p9"], index.Search(query, 10).Select(h => h.Id).Order());
        Assert.Equal(7, index.Search(listing, 10).Count);

        // Paper 4 deleted and paper 2 rewritten without the word (in the same segment), 12 and 13 added (in a new one).
        index.Apply([
            new PaperChange(11, "p4", null), new PaperChange(12, "p2", Paper(2, "graph")),
            new PaperChange(13, "p12", Paper(12, "graph lattice")), new PaperChange(14, "p13", Paper(13, "graph"))]);

        var hits = index.Search(query, 10);
        Assert.Equal(["p0", "p13", "p2", "p5", "p6", "p7", "p8", "p9"], hits.Select(h => h.Id).Order());
        Assert.Equal(index.SearchWithLucene(query, 10), hits);
        Assert.Equal(index.SearchWithLucene(listing, 10), index.Search(listing, 10));
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
            var plain = new SearchQuery { Terms = words };
            SearchQuery[] variants =
            [
                plain,
                plain with { Filters = new SearchFilters { Categories = ["cs"] } },
                plain with { Filters = new SearchFilters { From = Day(q % 10), To = Day(q % 10) } },
                plain with { ExcludedTerms = [vocabulary[q]] },
            ];
            // Without words: listed newest first, by walking each segment's day order (a category, an exclusion) or by
            // ordering the few papers admitted (one day less the papers holding the commonest word; the papers holding none
            // of the eight commonest words, about 1.5%, spread over every day).
            SearchQuery[] listings =
            [
                new SearchQuery { Filters = new SearchFilters { Categories = ["cs"] } },
                new SearchQuery { ExcludedTerms = [vocabulary[q]] },
                new SearchQuery { ExcludedTerms = [vocabulary[0]], Filters = new SearchFilters { From = Day(q % 10), To = Day(q % 10) } },
                new SearchQuery { ExcludedTerms = vocabulary[..8] },
            ];
            foreach (var query in variants.Concat(listings))
            {
                foreach (var limit in new[] { 1, 10, 100, 1000 })
                {
                    var hits = index.Search(query, limit);
                    Assert.NotEmpty(hits);
                    Assert.Equal(index.SearchWithLucene(query, limit), hits);
                }
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

        Assert.Equal(expected, string.Join(' ', compiled!.Words!.Select(w => $"{w.Term}:{w.Count}")));
        Assert.Null(compiled.Restriction);
    }

    [Theory]
    [InlineData("graph \"neural network\"")]
    [InlineData("\"graph\"")]
    [InlineData("graph \"neural network\" cat:cs.LG")]
    public void Phrases_leave_the_query_to_Lucene(string text)
    {
        using var analyzer = KeywordAnalysis.Create();

        Assert.Null(new KeywordQueryBuilder(analyzer).Compile(SearchQueryParser.Parse(text))!.Words);
    }

    [Theory]
    [InlineData("graph -network")]
    [InlineData("graph cat:cs.LG")]
    [InlineData("graph year:2025")]
    [InlineData("graph author:lecun")]
    public void Exclusions_and_filters_restrict_the_words_without_scoring(string text)
    {
        using var analyzer = KeywordAnalysis.Create();
        var compiled = new KeywordQueryBuilder(analyzer).Compile(SearchQueryParser.Parse(text))!;

        Assert.Equal(["graph"], compiled.Words!.Select(w => w.Term));
        Assert.NotNull(compiled.Restriction);
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

    /// <summary>A paper of <paramref name="text"/>, in category <c>id mod 4</c> of <see cref="_categories"/>, listed on day <c>id mod 10</c>.</summary>
    private static Paper Paper(int id, string text) => new()
    {
        Id = $"p{id}",
        Title = text,
        Abstract = "",
        Authors = [],
        Categories = [_categories[id % 4]],
        Listed = Day(id % 10),
    };

    private static DateOnly Day(int number) => new DateOnly(2026, 11, 1).AddDays(number);
}
