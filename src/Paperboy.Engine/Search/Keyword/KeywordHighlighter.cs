using System.Runtime.CompilerServices;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;

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
/// Words match as the index analyzes them, so <c>network</c> marks <c>networks</c>; a phrase's words are marked only
/// where the phrase occurs. Analyzing a whole abstract is most of a search page's highlighting cost, so without phrases
/// only the whitespace-separated pieces of text that contain the start of a query word's stem are analyzed (a Porter
/// stem keeps all but at most its last letter from the word). Passages are cut, as Lucene's highlighter cuts them, at
/// the first piece ending past each multiple of the passage length, and ranked by the distinct query words they hold.
/// </remarks>
public sealed class KeywordHighlighter : IDisposable
{
    /// <summary>The index's English stopwords, looked up in any case without making a string of the word.</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopwords =
        EnglishAnalyzer.DefaultStopSet.Select(word => word.ToString()!).ToHashSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest of the index's English stopwords (<c>their</c>, <c>there</c>, <c>these</c>): longer words need no lookup.</summary>
    private static readonly int _longestStopword = _stopwords.Set.Max(word => word.Length);

    private readonly Analyzer _analyzer = KeywordAnalysis.Create();
    private readonly KeywordQueryBuilder _queries;
    private readonly ConditionalWeakTable<SearchQuery, QueryWords> _words = [];

    public KeywordHighlighter() => _queries = new KeywordQueryBuilder(_analyzer);

    /// <summary>The whole of <paramref name="text"/> with the query's matches marked (for a title).</summary>
    public HighlightedText Mark(string text, SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(text);
        var marked = Highlight(text, query, null, 1);
        return marked.Count > 0 ? marked[0] : new HighlightedText(text.Length == 0 ? [] : [new HighlightSpan(text, false)]);
    }

    /// <summary>Up to <paramref name="maxFragments"/> passages of about <paramref name="fragmentChars"/> characters that
    /// match the query best, best first; empty when nothing matches.</summary>
    public IReadOnlyList<HighlightedText> Fragments(string text, SearchQuery query, int maxFragments = 3, int fragmentChars = 160)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFragments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fragmentChars);
        return Highlight(text, query, fragmentChars, maxFragments);
    }

    public void Dispose() => _analyzer.Dispose();

    private List<HighlightedText> Highlight(string text, SearchQuery query, int? fragmentChars, int maxFragments)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = _words.GetValue(query, q => QueryWords.Of(q, _queries, _analyzer));
        if (words.IsEmpty || text.Length == 0)
        {
            return [];
        }

        var pieces = Pieces(text);
        var tokens = words.Phrases.Count > 0 ? Analyze(text, 0, text.Length) : AnalyzeCandidates(text, pieces, words.Prefixes);
        var (matches, phraseSpans) = Matches(tokens, words);
        if (matches.Count == 0)
        {
            return [];
        }

        var fragments = fragmentChars is { } size ? Cut(text, pieces, phraseSpans, size) : [(0, text.Length)];
        return fragments
            .Select((fragment, number) => (fragment, number, score: Score(fragment, matches, words)))
            .Where(f => f.score > 0)
            .OrderByDescending(f => f.score)
            .ThenBy(f => f.number)
            .Take(maxFragments)
            .Select(f => Spans(text, f.fragment, matches))
            .ToList();
    }

    /// <summary>The whitespace-separated pieces of <paramref name="text"/>: no token of the analyzer crosses whitespace.</summary>
    private static List<(int Start, int End)> Pieces(string text)
    {
        var pieces = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var space = i == text.Length || char.IsWhiteSpace(text[i]);
            if (!space && start < 0)
            {
                start = i;
            }
            else if (space && start >= 0)
            {
                pieces.Add((start, i));
                start = -1;
            }
        }

        return pieces;
    }

    /// <summary>The analyzed tokens of the pieces that contain the start of a query word's stem, ignoring case.</summary>
    /// <remarks>
    /// The pieces are analyzed together, joined by spaces: no token crosses whitespace, so each comes out as it would
    /// alone, and one token stream costs far less than one per piece. Positions run on across pieces; only phrases,
    /// which analyze the whole text, read them.
    /// </remarks>
    private List<Token> AnalyzeCandidates(string text, List<(int Start, int End)> pieces, IReadOnlyList<string> prefixes)
    {
        var lower = text.ToLowerInvariant();
        var candidates = new bool[pieces.Count];
        foreach (var prefix in prefixes)
        {
            for (var at = lower.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(prefix, at + 1, StringComparison.Ordinal))
            {
                var piece = pieces.BinarySearch((at, int.MaxValue));
                candidates[piece < 0 ? ~piece - 1 : piece] = true;
            }
        }

        // Where each chosen piece starts in the joined text, and how far that is from where it starts in the text.
        var joined = new StringBuilder(text.Length);
        var shifts = new List<(int Start, int Shift)>();
        for (var piece = 0; piece < pieces.Count; piece++)
        {
            if (candidates[piece])
            {
                if (joined.Length > 0)
                {
                    joined.Append(' ');
                }

                shifts.Add((joined.Length, pieces[piece].Start - joined.Length));
                joined.Append(text, pieces[piece].Start, pieces[piece].End - pieces[piece].Start);
            }
        }

        if (shifts.Count == 0)
        {
            return [];
        }

        return KeywordAnalysis.TokensWithOffsets(_analyzer, KeywordDocument.Text, joined.ToString()).ConvertAll(t =>
        {
            var found = shifts.BinarySearch((t.Start, int.MaxValue));
            var shift = shifts[found < 0 ? ~found - 1 : found].Shift;
            return new Token(t.Term, t.Start + shift, t.End + shift, t.Position);
        });
    }

    /// <summary>The analyzed tokens of <c>text[start..end]</c>, with offsets into <paramref name="text"/> and positions.</summary>
    private List<Token> Analyze(string text, int start, int end) =>
        KeywordAnalysis.TokensWithOffsets(_analyzer, KeywordDocument.Text, text[start..end])
            .ConvertAll(t => new Token(t.Term, start + t.Start, start + t.End, t.Position));

    /// <summary>The tokens to mark (by index), and the character spans of the phrases found, which passages do not cut.</summary>
    private static (SortedDictionary<int, Token> Matches, List<(int Start, int End)> PhraseSpans) Matches(List<Token> tokens, QueryWords words)
    {
        var matches = new SortedDictionary<int, Token>();
        foreach (var token in tokens.Where(t => words.Weights.ContainsKey(t.Term) && !words.PhraseOnly.Contains(t.Term)))
        {
            matches[token.Start] = token;
        }

        var phraseSpans = new List<(int, int)>();
        if (words.Phrases.Count > 0)
        {
            var byPosition = tokens.ToDictionary(t => t.Position);
            foreach (var phrase in words.Phrases)
            {
                foreach (var first in tokens.Where(t => t.Term == phrase[0].Term))
                {
                    var found = phrase.Select(w => byPosition.TryGetValue(first.Position + w.Offset, out var t) && t.Term == w.Term ? t : (Token?)null).ToList();
                    if (found.All(t => t is not null))
                    {
                        found.ForEach(t => matches[t!.Value.Start] = t.Value);
                        phraseSpans.Add((first.Start, found[^1]!.Value.End));
                    }
                }
            }
        }

        return (matches, phraseSpans);
    }

    /// <summary>
    /// Passages as Lucene's SimpleSpanFragmenter cuts them: a new one begins before the first word that ends at or past the
    /// next multiple of <paramref name="size"/> (while half a passage of text remains), never inside a phrase; the text
    /// between two words goes with the later one. Stopwords and bare punctuation, which the index does not keep, never begin one.
    /// </summary>
    private static List<(int Start, int End)> Cut(string text, List<(int Start, int End)> pieces, List<(int Start, int End)> phraseSpans, int size)
    {
        var fragments = new List<(int, int)>();
        var (fragmentStart, count, previousEnd) = (0, 1, -1);
        foreach (var piece in pieces)
        {
            if (WordIn(text, piece) is not var (start, end))
            {
                continue;
            }

            if (previousEnd >= 0 && end >= size * count && text.Length - start >= size / 2 && !phraseSpans.Any(p => p.Start < start && start < p.End))
            {
                fragments.Add((fragmentStart, previousEnd));
                fragmentStart = previousEnd;
                count++;
            }

            previousEnd = end;
        }

        fragments.Add((fragmentStart, text.Length));
        return fragments;
    }

    /// <summary>
    /// Where the word of a piece of text lies, from its first to its last letter or digit, as the index's tokens lie;
    /// null for bare punctuation and stopwords, which the index does not keep.
    /// </summary>
    private static (int Start, int End)? WordIn(string text, (int Start, int End) piece)
    {
        var (first, last) = (piece.Start, piece.End - 1);
        while (first <= last && !char.IsLetterOrDigit(text[first]))
        {
            first++;
        }

        while (last > first && !char.IsLetterOrDigit(text[last]))
        {
            last--;
        }

        var length = last + 1 - first;
        var stopword = length > 0 && length <= _longestStopword && _stopwords.Contains(text.AsSpan(first, length));
        return length <= 0 || stopword ? null : (first, last + 1);
    }

    /// <summary>The weights of the distinct query words marked in the passage, as Lucene's QueryScorer scores a fragment.</summary>
    private static double Score((int Start, int End) fragment, SortedDictionary<int, Token> matches, QueryWords words) =>
        matches.Values
            .Where(t => t.Start >= fragment.Start && t.End <= fragment.End)
            .Select(t => t.Term)
            .Distinct(StringComparer.Ordinal)
            .Sum(term => words.Weights[term]);

    private static HighlightedText Spans(string text, (int Start, int End) fragment, SortedDictionary<int, Token> matches)
    {
        var spans = new List<HighlightSpan>();
        var at = fragment.Start;
        foreach (var token in matches.Values.Where(t => t.Start >= fragment.Start && t.End <= fragment.End))
        {
            if (token.Start > at)
            {
                spans.Add(new HighlightSpan(text[at..token.Start], false));
            }

            spans.Add(new HighlightSpan(text[token.Start..token.End], true));
            at = token.End;
        }

        if (fragment.End > at)
        {
            spans.Add(new HighlightSpan(text[at..fragment.End], false));
        }

        return new HighlightedText(spans);
    }

    private readonly record struct Token(string Term, int Start, int End, int Position);

    /// <summary>What a query marks: its analyzed words (weighted by count, as the BM25 query weighs them) and phrases.</summary>
    private sealed class QueryWords
    {
        /// <summary>Each marked term's weight: its count among the free words, 1 for a term only phrases hold.</summary>
        public required Dictionary<string, double> Weights { get; init; }

        /// <summary>Terms marked only inside an occurrence of their phrase.</summary>
        public required HashSet<string> PhraseOnly { get; init; }

        /// <summary>Phrases of two or more terms, each term with its position relative to the first (stopword gaps kept).</summary>
        public required List<(string Term, int Offset)[]> Phrases { get; init; }

        /// <summary>Lower-case text that a piece must contain to hold a token of a marked term: the stem less its last letter.</summary>
        public required IReadOnlyList<string> Prefixes { get; init; }

        public bool IsEmpty => Weights.Count == 0;

        public static QueryWords Of(SearchQuery query, KeywordQueryBuilder queries, Analyzer analyzer)
        {
            var weights = queries.WeightedTerms(query).ToDictionary(w => w.Term, w => (double)w.Count, StringComparer.Ordinal);
            var phraseOnly = new HashSet<string>(StringComparer.Ordinal);
            var phrases = new List<(string, int)[]>();
            foreach (var phrase in query.Phrases.Take(KeywordQueryBuilder.MaxClauses))
            {
                var tokens = KeywordAnalysis.Tokens(analyzer, KeywordDocument.Text, phrase);
                if (tokens.Count > 1)
                {
                    phrases.Add(tokens.Select(t => (t.Term, t.Position - tokens[0].Position)).ToArray());
                }

                foreach (var (term, _) in tokens)
                {
                    if (weights.TryAdd(term, 1) && tokens.Count > 1)
                    {
                        phraseOnly.Add(term);
                    }
                }
            }

            var prefixes = weights.Keys.Select(term => term.Length >= 3 ? term[..^1] : term).Distinct(StringComparer.Ordinal).ToList();
            return new QueryWords { Weights = weights, PhraseOnly = phraseOnly, Phrases = phrases, Prefixes = prefixes };
        }
    }
}
