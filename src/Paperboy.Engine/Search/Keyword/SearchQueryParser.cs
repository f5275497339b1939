using System.Globalization;

namespace Paperboy.Search.Keyword;

/// <summary>Reads search-box text into a <see cref="SearchQuery"/>; it accepts any text and never fails.</summary>
/// <remarks>
/// Grammar: free words; <c>"a phrase"</c>; <c>-word</c> and <c>-"a phrase"</c> exclude; <c>author:name</c>,
/// <c>author:"Full Name"</c>, <c>cat:cs.LG</c>, <c>year:2025</c>, <c>from:2025-01-01</c>, <c>to:2025-06-30</c> filter
/// (<c>-author:</c> and <c>-cat:</c> exclude). Everything else is text: an unbalanced quote closes at the end of the
/// input, an unknown or malformed <c>name:value</c> is a word, and operators such as <c>AND</c>, <c>*</c> or <c>~</c>
/// are just characters for the analyzer to keep or drop.
/// </remarks>
public static class SearchQueryParser
{
    public static SearchQuery Parse(string? text)
    {
        var pieces = new Pieces();
        var scanner = new Scanner(text ?? "");
        while (scanner.SkipWhitespace())
        {
            var negated = scanner.TakeNegation();
            if (scanner.AtQuote)
            {
                pieces.AddPhrase(scanner.ReadQuoted(), negated);
                continue;
            }

            var start = scanner.Position;
            if (TryReadFilter(scanner, negated, pieces))
            {
                continue;
            }

            scanner.Position = start;
            pieces.AddWord(scanner.ReadWord(), negated);
        }

        return pieces.ToQuery();
    }

    private static bool TryReadFilter(Scanner scanner, bool negated, Pieces pieces)
    {
        var name = scanner.ReadFilterName();
        if (name is null)
        {
            return false;
        }

        var value = (scanner.AtQuote ? scanner.ReadQuoted() : scanner.ReadWord()).Trim();
        if (value.Length == 0)
        {
            return false;
        }

        return name switch
        {
            "author" => pieces.AddAuthor(value, negated),
            "cat" => pieces.AddCategory(value, negated),
            "year" => !negated && TryParseYear(value, out var year) && pieces.Restrict(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
            "from" => !negated && TryParsePeriod(value, out var first, out _) && pieces.Restrict(first, null),
            "to" => !negated && TryParsePeriod(value, out _, out var last) && pieces.Restrict(null, last),
            _ => false,
        };
    }

    private static bool TryParseYear(string value, out int year)
    {
        year = 0;
        if (value.Length != 4 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        year = int.Parse(value, CultureInfo.InvariantCulture);
        return year >= 1;
    }

    /// <summary>A day, a month (<c>2025-06</c>) or a year (<c>2025</c>), as its first and last day.</summary>
    private static bool TryParsePeriod(string value, out DateOnly first, out DateOnly last)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", invariant, DateTimeStyles.None, out first))
        {
            last = first;
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM", invariant, DateTimeStyles.None, out first))
        {
            last = new DateOnly(first.Year, first.Month, DateTime.DaysInMonth(first.Year, first.Month));
            return true;
        }

        if (TryParseYear(value, out var year))
        {
            first = new DateOnly(year, 1, 1);
            last = new DateOnly(year, 12, 31);
            return true;
        }

        last = default;
        return false;
    }

    /// <summary>The pieces found so far, gathered into a query at the end.</summary>
    private sealed class Pieces
    {
        private readonly List<string> _terms = [];
        private readonly List<string> _phrases = [];
        private readonly List<string> _excludedTerms = [];
        private readonly List<string> _excludedPhrases = [];
        private readonly List<string> _authors = [];
        private readonly List<string> _excludedAuthors = [];
        private readonly List<string> _categories = [];
        private readonly List<string> _excludedCategories = [];
        private DateOnly? _from;
        private DateOnly? _to;

        public void AddWord(string word, bool negated) => (negated ? _excludedTerms : _terms).Add(word);

        public void AddPhrase(string phrase, bool negated)
        {
            var trimmed = phrase.Trim();
            if (trimmed.Length > 0)
            {
                (negated ? _excludedPhrases : _phrases).Add(trimmed);
            }
        }

        public bool AddAuthor(string name, bool negated)
        {
            (negated ? _excludedAuthors : _authors).Add(name);
            return true;
        }

        /// <summary>Takes an arXiv category or archive (<c>cs.LG</c>, <c>hep-th</c>, <c>cs</c>), ignoring trailing punctuation.</summary>
        public bool AddCategory(string value, bool negated)
        {
            var category = value.TrimEnd('.', ',', ';', ')');
            if (category.Length == 0 || !char.IsAsciiLetter(category[0])
                || !category.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            {
                return false;
            }

            (negated ? _excludedCategories : _categories).Add(category);
            return true;
        }

        /// <summary>Narrows the day range; contradictory filters leave an empty range, which matches nothing.</summary>
        public bool Restrict(DateOnly? from, DateOnly? to)
        {
            if (from is { } first && (_from is null || first > _from))
            {
                _from = first;
            }

            if (to is { } last && (_to is null || last < _to))
            {
                _to = last;
            }

            return true;
        }

        public SearchQuery ToQuery() => new()
        {
            Terms = [.. _terms],
            Phrases = [.. _phrases],
            ExcludedTerms = [.. _excludedTerms],
            ExcludedPhrases = [.. _excludedPhrases],
            Filters = new SearchFilters
            {
                Authors = [.. _authors],
                ExcludedAuthors = [.. _excludedAuthors],
                Categories = [.. _categories],
                ExcludedCategories = [.. _excludedCategories],
                From = _from,
                To = _to,
            },
        };
    }

    /// <summary>A cursor over the query text.</summary>
    private sealed class Scanner(string text)
    {
        private static readonly string[] _filterNames = ["author", "cat", "year", "from", "to"];

        public int Position { get; set; }

        public bool AtQuote => Position < text.Length && text[Position] == '"';

        /// <summary>Moves past whitespace; false at the end of the text.</summary>
        public bool SkipWhitespace()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }

            return Position < text.Length;
        }

        /// <summary>Takes a leading <c>-</c> that negates what follows it; a lone or doubled dash is text.</summary>
        public bool TakeNegation()
        {
            if (text[Position] != '-' || Position + 1 >= text.Length)
            {
                return false;
            }

            var next = text[Position + 1];
            if (char.IsWhiteSpace(next) || next == '-')
            {
                return false;
            }

            Position++;
            return true;
        }

        /// <summary>Reads <c>"..."</c> (closed by the end of the text if no quote closes it) and returns its inside.</summary>
        public string ReadQuoted()
        {
            var start = Position + 1;
            var end = text.IndexOf('"', start);
            if (end < 0)
            {
                end = text.Length;
            }

            Position = Math.Min(end + 1, text.Length);
            return text[start..end];
        }

        /// <summary>Reads up to whitespace or a quote; at least one character when not at either.</summary>
        public string ReadWord()
        {
            var start = Position;
            while (Position < text.Length && !char.IsWhiteSpace(text[Position]) && text[Position] != '"')
            {
                Position++;
            }

            return text[start..Position];
        }

        /// <summary>Reads a known <c>name:</c> and returns the name in lower case, or null (position then undefined).</summary>
        public string? ReadFilterName()
        {
            var colon = Position;
            while (colon < text.Length && char.IsAsciiLetter(text[colon]))
            {
                colon++;
            }

            if (colon >= text.Length || text[colon] != ':')
            {
                return null;
            }

            var name = text[Position..colon].ToLowerInvariant();
            if (!_filterNames.Contains(name))
            {
                return null;
            }

            Position = colon + 1;
            return name;
        }
    }
}
