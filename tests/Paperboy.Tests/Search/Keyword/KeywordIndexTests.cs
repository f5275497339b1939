using CsCheck;
using Paperboy.Search.Keyword;
using Paperboy.Store;

namespace Paperboy.Tests.Search.Keyword;

public sealed class KeywordIndexTests : IDisposable
{
    private readonly KeywordIndex _index = KeywordIndex.InMemory();

    public KeywordIndexTests()
    {
        _index.Apply(KeywordCorpus.Changes);
        _index.Commit(KeywordCorpus.Changes.Count);
    }

    public void Dispose() => _index.Dispose();

    private string[] Ids(string query) =>
        [.. _index.Search(SearchQueryParser.Parse(query), 10).Select(h => h.Id[^1..])];

    [Fact]
    public void Words_rank_the_best_match_first() => Assert.Equal(["1", "4"], Ids("graph networks"));

    [Fact]
    public void Words_match_their_stems() => Assert.Equal(["1"], Ids("predicting molecules"));

    [Fact]
    public void Any_word_may_match() => Assert.Equal(["1", "5"], Ids("molecule ranking").Order());

    [Fact]
    public void A_phrase_must_occur_in_order()
    {
        Assert.Equal(["2"], Ids("\"language model\""));
        Assert.Equal(["3"], Ids("\"model of language\""));
    }

    [Fact]
    public void A_phrase_is_required_and_words_only_rank() => Assert.Equal(["2"], Ids("graph \"language models\""));

    [Fact]
    public void Excluded_words_and_phrases_remove_papers()
    {
        Assert.Equal(["5"], Ids("learning -reinforcement"));
        Assert.Equal(["4"], Ids("agents -\"web environments\""));
    }

    [Theory]
    [InlineData("author:lecun", new[] { "1", "3" })]
    [InlineData("author:\"Yann LeCun\"", new[] { "1" })]
    [InlineData("author:\"LeCun Yann\"", new[] { "1" })]
    [InlineData("author:muller", new[] { "2" })]
    [InlineData("author:Müller", new[] { "2" })]
    [InlineData("author:lovelace author:lecun", new[] { "1" })]
    [InlineData("author:lovelace -author:lecun", new[] { "5" })]
    public void Author_filters_match_within_one_name(string query, string[] expected) =>
        Assert.Equal(expected, Ids(query).Order());

    [Theory]
    [InlineData("cat:cs.lg", new[] { "4", "1" })]
    [InlineData("cat:cs.CV cat:cs.IR", new[] { "3", "5" })]
    [InlineData("cat:q-bio", new[] { "1" })]
    [InlineData("cat:cs", new[] { "4", "2", "1", "3", "5" })]
    [InlineData("cat:cs -cat:cs.LG", new[] { "2", "3", "5" })]
    [InlineData("cat:cs.L", new string[0])]
    public void Category_filters_list_newest_first(string query, string[] expected) => Assert.Equal(expected, Ids(query));

    [Theory]
    [InlineData("year:2025", new[] { "4", "2", "1" })]
    [InlineData("year:2023", new[] { "5" })]
    [InlineData("from:2025-03-01 to:2025-06-29", new[] { "2" })]
    [InlineData("to:2024-12-31", new[] { "3", "5" })]
    [InlineData("year:2024 year:2025", new string[0])]
    public void Date_filters_use_the_listing_else_the_publication_day(string query, string[] expected) =>
        Assert.Equal(expected, Ids(query));

    [Fact]
    public void Filters_restrict_without_changing_scores()
    {
        var all = _index.Search(SearchQueryParser.Parse("agents"), 10);
        var filtered = _index.Search(SearchQueryParser.Parse("agents cat:cs.LG"), 10);

        Assert.Equal(2, all.Count);
        Assert.Equal([all.Single(h => h.Id == "2501.00004")], filtered);
    }

    [Fact]
    public void With_a_filter_a_paper_must_still_match_a_word() => Assert.Equal(["1"], Ids("graph cat:cs.LG"));

    [Fact]
    public void Exclusion_alone_lists_the_rest_newest_first()
    {
        var hits = _index.Search(SearchQueryParser.Parse("-vision"), 10);

        Assert.Equal(["2501.00004", "2501.00002", "2501.00001", "2501.00005"], hits.Select(h => h.Id));
        Assert.All(hits, h => Assert.Equal(0f, h.Score));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AND OR NOT")]
    [InlineData("the of \"and the\"")]
    [InlineData("author:\"...\"")]
    public void Queries_with_nothing_to_look_for_find_nothing(string query) => Assert.Empty(Ids(query));

    [Theory]
    [MemberData(nameof(HostileQueries.All), MemberType = typeof(HostileQueries))]
    public void Hostile_queries_search_without_error(string query)
    {
        var hits = _index.Search(SearchQueryParser.Parse(query), 10);

        Assert.All(hits, h => Assert.StartsWith("2501.", h.Id));
    }

    [Fact]
    public void Any_text_searches_without_error()
    {
        var pieces = Gen.OneOf("graph", "\"", "-", "author:", "cat:", "year:", "from:", "to:", " ", "*", "~", "(", "é", "🚀", "OR");
        var texts = Gen.OneOf(Gen.String, pieces.Array[0, 30].Select(string.Concat));

        texts.Sample(text => _index.Search(SearchQueryParser.Parse(text), 10).All(h => h.Id.StartsWith("2501.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sql_in_a_query_is_searched_as_words() => Assert.Equal(["5"], Ids("'; DROP TABLE papers;--"));

    [Fact]
    public void A_pasted_essay_is_searched_by_its_first_distinct_words()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"filler{i}"));

        Assert.Equal(["1"], Ids("molecule " + filler));
        Assert.Empty(Ids(filler + " molecule"));
    }

    [Fact]
    public void The_limit_cuts_the_list() => Assert.Single(_index.Search(SearchQueryParser.Parse("learning networks"), 1));

    [Fact]
    public void A_huge_limit_returns_every_match()
    {
        Assert.Equal(2, _index.Search(SearchQueryParser.Parse("learning"), int.MaxValue).Count);
        Assert.Equal(5, _index.Search(SearchQueryParser.Parse("cat:cs"), int.MaxValue).Count);
    }

    [Fact]
    public void A_deleted_paper_disappears()
    {
        _index.Apply([new PaperChange(6, "2501.00001", null)]);

        Assert.Empty(Ids("graph"));
        Assert.Equal(4, _index.Count);
    }

    [Fact]
    public void An_updated_paper_is_indexed_anew()
    {
        var updated = KeywordCorpus.Papers[1] with { Title = "Small Models as Tools", Abstract = "Tiny models call tools." };
        _index.Apply([new PaperChange(6, updated.Id, updated)]);

        Assert.DoesNotContain("2", Ids("language"));
        Assert.Equal(["2"], Ids("tools"));
        Assert.Equal(5, _index.Count);
    }

    [Fact]
    public void Hits_keep_their_ids_when_the_index_is_rebuilt_in_another_order()
    {
        // The first searches remember ids by document number; a rebuild numbers the same papers the other way round.
        Assert.Equal(["1", "4"], Ids("graph networks"));
        Assert.Equal(["1", "5"], Ids("molecule ranking").Order());

        _index.Reset();
        _index.Apply([.. KeywordCorpus.Changes.Reverse()]);
        _index.Commit(KeywordCorpus.Changes.Count);

        Assert.Equal(["1", "4"], Ids("graph networks"));
        Assert.Equal(["1", "5"], Ids("molecule ranking").Order());
    }

    [Fact]
    public void Commit_records_the_applied_sequence_and_refuses_to_go_back()
    {
        Assert.Equal(KeywordCorpus.Changes.Count, _index.AppliedSequence);
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.Commit(2));
    }
}
