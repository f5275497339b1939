using CsCheck;
using Paperboy.Search.Keyword;

namespace Paperboy.Tests.Search.Keyword;

public sealed class KeywordHighlighterTests : IDisposable
{
    private readonly KeywordHighlighter _highlighter = new();

    public void Dispose() => _highlighter.Dispose();

    private static string Render(HighlightedText text) =>
        string.Concat(text.Spans.Select(s => s.IsMatch ? $"[{s.Text}]" : s.Text));

    [Fact]
    public void Mark_frames_words_that_match_by_stem()
    {
        var title = _highlighter.Mark("Graph Neural Networks for Molecules", SearchQueryParser.Parse("network molecule"));

        Assert.Equal("Graph Neural [Networks] for [Molecules]", Render(title));
        Assert.True(title.HasMatch);
    }

    [Fact]
    public void Mark_returns_the_whole_text_unmarked_when_nothing_matches()
    {
        var title = _highlighter.Mark("Vision Transformers", SearchQueryParser.Parse("graph"));

        Assert.Equal("Vision Transformers", Render(title));
        Assert.False(title.HasMatch);
    }

    [Fact]
    public void Phrases_are_marked_where_they_occur_in_order()
    {
        var text = _highlighter.Mark("a language of models; a language model.", SearchQueryParser.Parse("\"language model\""));

        Assert.Equal("a language of models; a [language] [model].", Render(text));
    }

    [Fact]
    public void Filters_and_exclusions_mark_nothing()
    {
        var text = _highlighter.Mark("LeCun studies vision", SearchQueryParser.Parse("author:lecun -vision cat:cs.CV"));

        Assert.False(text.HasMatch);
    }

    [Fact]
    public void Fragments_pick_the_passages_that_match()
    {
        var abstractText = string.Join(' ', Enumerable.Repeat("Unrelated filler sentence about nothing.", 20))
            + " Here reinforcement learning trains robots. "
            + string.Join(' ', Enumerable.Repeat("More filler text follows.", 20));

        var fragments = _highlighter.Fragments(abstractText, SearchQueryParser.Parse("reinforcement robots"), 2, 80);

        var best = Assert.Single(fragments);
        Assert.Contains("[reinforcement]", Render(best));
        Assert.Contains("[robots]", Render(best));
        Assert.True(best.PlainText.Length < 200);
    }

    [Fact]
    public void Fragments_are_empty_when_nothing_matches() =>
        Assert.Empty(_highlighter.Fragments("Vision Transformers", SearchQueryParser.Parse("graph")));

    [Fact]
    public void Markup_and_marker_characters_in_the_text_come_back_as_text()
    {
        var text = _highlighter.Mark("<b>graph</b> \uE000x\uE001", SearchQueryParser.Parse("graph"));

        Assert.Equal("<b>[graph]</b> \uE000x\uE001", Render(text));
    }

    [Fact]
    public void Words_match_by_stem_even_where_the_stem_changes_the_last_letter_or_punctuation_surrounds_them()
    {
        var text = _highlighter.Mark("A study of studies: graph-based (GNNs), organizations.", SearchQueryParser.Parse("studying gnn graphs organization"));

        Assert.Equal("A [study] of [studies]: [graph]-based ([GNNs]), [organizations].", Render(text));
    }

    [Fact]
    public void Marks_are_every_token_of_the_text_that_the_index_would_match()
    {
        // Only pieces of text holding the start of a query stem are analyzed: the marks must still be those of a full analysis.
        string[] vocabulary =
        [
            "Networks", "network's", "graph-based", "studies", "study", "(GNNs),", "the", "of", "Toy", "toys", "organization",
            "organizes", "3D", "x86", "state-of-the-art", "U.S.", "e.g.", "relational", "stability", "probably", "Learning",
            "learned.", "RELATIONS", "a", "happiness", "happy", "generalization", "general", "cells", "cell-free",
        ];
        var words = Gen.Int[0, vocabulary.Length - 1].Select(i => vocabulary[i]);
        using var analyzer = KeywordAnalysis.Create();
        Gen.Select(words.Array[0, 30], Gen.OneOf(Gen.Const(" "), Gen.Const("\n"), Gen.Const("  ")), words.Array[1, 4]).Sample((textWords, space, queryWords) =>
        {
            var text = string.Join(space, textWords);
            var query = SearchQueryParser.Parse(string.Join(' ', queryWords));
            var terms = queryWords.SelectMany(w => KeywordAnalysis.Tokens(analyzer, KeywordDocument.Text, w)).Select(t => t.Term).ToHashSet();
            var expected = new System.Text.StringBuilder();
            var at = 0;
            foreach (var (term, start, end, _) in KeywordAnalysis.TokensWithOffsets(analyzer, KeywordDocument.Text, text).Where(t => terms.Contains(t.Term)))
            {
                expected.Append(text[at..start]).Append('[').Append(text[start..end]).Append(']');
                at = end;
            }

            expected.Append(text[at..]);
            Assert.Equal(expected.ToString(), Render(_highlighter.Mark(text, query)));
        });
    }

    [Theory]
    [MemberData(nameof(HostileQueries.All), MemberType = typeof(HostileQueries))]
    public void Hostile_queries_highlight_without_error(string query)
    {
        var text = _highlighter.Mark("Graph networks, transformers and DROP TABLE papers", SearchQueryParser.Parse(query));

        Assert.Equal("Graph networks, transformers and DROP TABLE papers", text.PlainText);
    }
}
