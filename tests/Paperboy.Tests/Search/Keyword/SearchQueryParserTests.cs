using CsCheck;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search.Keyword;

public sealed class SearchQueryParserTests
{
    [Fact]
    public void Free_words_are_terms_in_order()
    {
        var query = SearchQueryParser.Parse("  graph   neural\tnetworks ");

        Assert.Equal(["graph", "neural", "networks"], query.Terms);
        Assert.Empty(query.Phrases);
        Assert.True(query.Filters.IsEmpty);
    }

    [Fact]
    public void Quoted_text_is_a_phrase()
    {
        var query = SearchQueryParser.Parse("\"large language model\" agents");

        Assert.Equal(["large language model"], query.Phrases);
        Assert.Equal(["agents"], query.Terms);
    }

    [Fact]
    public void A_dash_excludes_a_word_or_a_phrase()
    {
        var query = SearchQueryParser.Parse("transformers -vision -\"image classification\"");

        Assert.Equal(["transformers"], query.Terms);
        Assert.Equal(["vision"], query.ExcludedTerms);
        Assert.Equal(["image classification"], query.ExcludedPhrases);
    }

    [Fact]
    public void Filters_are_read_and_kept_out_of_the_text()
    {
        var query = SearchQueryParser.Parse(
            "diffusion author:LeCun author:\"Yoshua Bengio\" cat:cs.LG CAT:hep-th from:2025-03-01 to:2025-06-30");

        Assert.Equal(["diffusion"], query.Terms);
        Assert.Equal(["LeCun", "Yoshua Bengio"], query.Filters.Authors);
        Assert.Equal(["cs.LG", "hep-th"], query.Filters.Categories);
        Assert.Equal(new DateOnly(2025, 3, 1), query.Filters.From);
        Assert.Equal(new DateOnly(2025, 6, 30), query.Filters.To);
    }

    [Theory]
    [InlineData("year:2025", "2025-01-01", "2025-12-31")]
    [InlineData("from:2025-06", "2025-06-01", null)]
    [InlineData("to:2024-02", null, "2024-02-29")]
    [InlineData("from:2024 to:2024", "2024-01-01", "2024-12-31")]
    [InlineData("year:2025 from:2025-05-02", "2025-05-02", "2025-12-31")]
    [InlineData("from:2025-01-01 from:2024-01-01", "2025-01-01", null)]
    [InlineData("to:9999-12", null, "9999-12-31")]
    public void Date_filters_narrow_one_range(string text, string? from, string? to)
    {
        var filters = SearchQueryParser.Parse(text).Filters;

        Assert.Equal(from is null ? null : DateOnly.Parse(from), filters.From);
        Assert.Equal(to is null ? null : DateOnly.Parse(to), filters.To);
    }

    [Fact]
    public void Negated_authors_and_categories_exclude()
    {
        var filters = SearchQueryParser.Parse("-author:Smith -cat:cs.CV").Filters;

        Assert.Equal(["Smith"], filters.ExcludedAuthors);
        Assert.Equal(["cs.CV"], filters.ExcludedCategories);
        Assert.Empty(filters.Authors);
        Assert.Empty(filters.Categories);
    }

    [Theory]
    [InlineData("foo:bar")]
    [InlineData("title:attention")]
    [InlineData("year:20x5")]
    [InlineData("year:12345")]
    [InlineData("year:0000")]
    [InlineData("from:yesterday")]
    [InlineData("to:2025-13-01")]
    [InlineData("cat:!!")]
    [InlineData("author:")]
    [InlineData("https://arxiv.org/abs/2501.00001")]
    public void Unknown_or_malformed_filters_are_plain_words(string text)
    {
        var query = SearchQueryParser.Parse(text);

        Assert.Equal([text], query.Terms);
        Assert.True(query.Filters.IsEmpty);
    }

    [Fact]
    public void A_negated_date_filter_is_an_excluded_word()
    {
        var query = SearchQueryParser.Parse("-year:2025");

        Assert.Equal(["year:2025"], query.ExcludedTerms);
        Assert.True(query.Filters.IsEmpty);
    }

    [Fact]
    public void Trailing_punctuation_after_a_category_is_dropped()
    {
        Assert.Equal(["cs.LG"], SearchQueryParser.Parse("cat:cs.LG,").Filters.Categories);
    }

    [Fact]
    public void An_unbalanced_quote_closes_at_the_end()
    {
        var query = SearchQueryParser.Parse("agents \"deep reinforcement learning");

        Assert.Equal(["agents"], query.Terms);
        Assert.Equal(["deep reinforcement learning"], query.Phrases);
    }

    [Fact]
    public void An_unbalanced_quote_in_an_author_filter_closes_at_the_end()
    {
        Assert.Equal(["Yann LeCun"], SearchQueryParser.Parse("author:\"Yann LeCun").Filters.Authors);
    }

    [Fact]
    public void Lone_and_doubled_dashes_are_text()
    {
        var query = SearchQueryParser.Parse("- -- a--b");

        Assert.Equal(["-", "--", "a--b"], query.Terms);
        Assert.Empty(query.ExcludedTerms);
    }

    [Fact]
    public void Boolean_operators_are_ordinary_words()
    {
        var query = SearchQueryParser.Parse("cats AND dogs OR NOT birds");

        Assert.Equal(["cats", "AND", "dogs", "OR", "NOT", "birds"], query.Terms);
        Assert.Empty(query.ExcludedTerms);
    }

    [Fact]
    public void Sql_is_text()
    {
        var query = SearchQueryParser.Parse("'; DROP TABLE papers;--");

        Assert.Equal(["';", "DROP", "TABLE", "papers;--"], query.Terms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("\"")]
    [InlineData("-\"  \"")]
    public void Nothing_parses_to_the_empty_query(string text) => Assert.True(SearchQueryParser.Parse(text).IsEmpty);

    [Fact]
    public void Null_parses_to_the_empty_query() => Assert.True(SearchQueryParser.Parse(null).IsEmpty);

    [Theory]
    [MemberData(nameof(HostileQueries.All), MemberType = typeof(HostileQueries))]
    public void Hostile_queries_parse(string text)
    {
        var query = SearchQueryParser.Parse(text);

        var pieces = query.Terms.Concat(query.Phrases).Concat(query.ExcludedTerms).Concat(query.ExcludedPhrases);
        Assert.All(pieces, p => Assert.False(string.IsNullOrWhiteSpace(p)));
    }

    [Fact]
    public void Any_text_parses_into_non_blank_pieces_of_itself()
    {
        Gen.String.Sample(text =>
        {
            var query = SearchQueryParser.Parse(text);
            var pieces = query.Terms.Concat(query.Phrases).Concat(query.ExcludedTerms).Concat(query.ExcludedPhrases)
                .Concat(query.Filters.Authors).Concat(query.Filters.Categories)
                .Concat(query.Filters.ExcludedAuthors).Concat(query.Filters.ExcludedCategories);
            return pieces.All(p => !string.IsNullOrWhiteSpace(p) && text.Contains(p, StringComparison.Ordinal));
        });
    }
}

/// <summary>Queries that break naive parsers; each must parse and search without an error.</summary>
public static class HostileQueries
{
    public static TheoryData<string> All() =>
    [
        "AND OR NOT",
        "*",
        "\\",
        ":",
        "?",
        "~",
        "^",
        "[",
        "{",
        "'; DROP TABLE papers;--",
        "🚀🔥 transformers 🤖",
        "title:(foo OR bar)^2 [a TO b] {c TO d} fuzzy~0.8 wild*card ?x \\\" +must -",
        "\"unbalanced phrase",
        "-\"",
        "author:\"",
        "cat:",
        "a:b:c::",
        "\0\u0001\uE000\uE001\uFFFF",
        "\ud800 lone surrogate",
        "-- -- -",
        new string('x', 10_000),
        string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}")),
        string.Join(' ', Enumerable.Range(0, 300).Select(i => $"\"phrase {i} words\" -not{i} author:a{i} cat:c{i}")),
    ];
}
