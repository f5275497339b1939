using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Search.Highlight;

namespace Paperboy.Search.Keyword;

/// <summary>A piece of highlighted text: a match of the query or the text around it.</summary>
public sealed record HighlightSpan(string Text, bool IsMatch);

/// <summary>Text cut into spans, the matches marked; the site encodes each span and wraps matches itself.</summary>
public sealed record HighlightedText(IReadOnlyList<HighlightSpan> Spans)
{
    public string PlainText => string.Concat(Spans.Select(s => s.Text));

    public bool HasMatch => Spans.Any(s => s.IsMatch);
}

/// <summary>Marks where a query's words and phrases occur in a title or abstract, as the keyword index matched them.</summary>
/// <remarks>
/// It is given the text (from the store) rather than reading it from the index, which stores only ids.
/// Words match as the index analyzes them, so <c>network</c> marks <c>networks</c>.
/// </remarks>
public sealed class KeywordHighlighter : IDisposable
{
    // Private-use characters frame matches inside Lucene's output; any in the input are replaced first.
    private const char MatchStart = '\uE000';
    private const char MatchEnd = '\uE001';

    private readonly Analyzer _analyzer = KeywordAnalysis.Create();
    private readonly KeywordQueryBuilder _queries;

    public KeywordHighlighter() => _queries = new KeywordQueryBuilder(_analyzer);

    /// <summary>The whole of <paramref name="text"/> with the query's matches marked (for a title).</summary>
    public HighlightedText Mark(string text, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fragments = Run(text, query, new NullFragmenter(), 1);
        return fragments.Count == 0 ? new HighlightedText(text.Length == 0 ? [] : [new HighlightSpan(text, false)]) : fragments[0];
    }

    /// <summary>Up to <paramref name="maxFragments"/> passages of about <paramref name="fragmentChars"/> characters that
    /// match the query best, best first; empty when nothing matches.</summary>
    public IReadOnlyList<HighlightedText> Fragments(string text, SearchQuery query, int maxFragments = 3, int fragmentChars = 160)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFragments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fragmentChars);
        return Run(text, query, null, maxFragments, fragmentChars);
    }

    public void Dispose() => _analyzer.Dispose();

    private List<HighlightedText> Run(string text, SearchQuery query, IFragmenter? fragmenter, int maxFragments, int fragmentChars = 0)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_queries.TextQuery(query) is not { } textQuery || text.Length == 0)
        {
            return [];
        }

        var clean = text.Replace(MatchStart, '\uFFFD').Replace(MatchEnd, '\uFFFD');
        var scorer = new QueryScorer(textQuery, KeywordDocument.Text);
        var highlighter = new Highlighter(new MatchFormatter(), scorer)
        {
            TextFragmenter = fragmenter ?? new SimpleSpanFragmenter(scorer, fragmentChars),
            MaxDocCharsToAnalyze = int.MaxValue,
        };
        using var tokens = _analyzer.GetTokenStream(KeywordDocument.Text, clean);
        return highlighter.GetBestTextFragments(tokens, clean, false, maxFragments)
            .Where(f => f is not null && f.Score > 0)
            .Select(f => Spans(f.ToString()))
            .ToList();
    }

    private static HighlightedText Spans(string marked)
    {
        var spans = new List<HighlightSpan>();
        var current = new StringBuilder();
        var inMatch = false;
        foreach (var c in marked)
        {
            if (c is MatchStart or MatchEnd)
            {
                Flush();
                inMatch = c == MatchStart;
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return new HighlightedText(spans);

        void Flush()
        {
            if (current.Length > 0)
            {
                spans.Add(new HighlightSpan(current.ToString(), inMatch));
                current.Clear();
            }
        }
    }

    /// <summary>Frames each matching token group with the private-use markers.</summary>
    private sealed class MatchFormatter : IFormatter
    {
        public string HighlightTerm(string originalText, TokenGroup tokenGroup) =>
            tokenGroup.TotalScore > 0 ? MatchStart + originalText + MatchEnd : originalText;
    }
}
