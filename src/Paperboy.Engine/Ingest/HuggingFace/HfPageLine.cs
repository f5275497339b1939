using System.Globalization;
using System.Text.RegularExpressions;

namespace Paperboy.Ingest.HuggingFace;

/// <summary>What a line of copied Hugging Face page text is, judged by the line alone.</summary>
internal enum HfLineKind
{
    /// <summary>Empty or whitespace only.</summary>
    Blank,

    /// <summary>Known site furniture: "Subscribe", "Daily Papers", navigation, footer.</summary>
    Chrome,

    /// <summary>A short line: a title, or furniture the reader does not know by name.</summary>
    Short,

    /// <summary>A long line of prose: an abstract or part of one.</summary>
    Paragraph,

    /// <summary><c>• 5 authors</c>.</summary>
    Authors,

    /// <summary>The <c>·</c> between the author count and the date.</summary>
    Separator,

    /// <summary><c>Sep 11</c>, <c>May 4, 2024</c>, <c>May 27 2</c> (a date, then an upvote count).</summary>
    Date,

    /// <summary>A bare number: an upvote count on a line of its own, or pagination.</summary>
    Number,
}

/// <summary>One line of copied page text, classified, with what its meta fields say.</summary>
internal readonly record struct HfPageLine(HfLineKind Kind, string Text, long Number)
{
    public int? AuthorCount { get; init; }

    public DateOnly? Day { get; init; }

    public int? Upvotes { get; init; }
}

/// <summary>Classifies lines of Hugging Face papers pages as copied from a browser.</summary>
internal static partial class HfPageLines
{
    /// <summary>A line this long is prose whatever its shape: the longest arXiv titles stay well under it.</summary>
    private const int ParagraphLength = 250;

    private static readonly HashSet<string> _chrome = new(StringComparer.OrdinalIgnoreCase)
    {
        "new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers", "byAK and the research community",
        "Hugging Face", "Models", "Datasets", "Spaces", "Community", "Docs", "Enterprise", "Pricing", "Log In", "Sign Up",
        "Papers", "Trending", "Search", "Submit", "Previous", "Next", "System theme", "Company", "TOS", "Privacy",
        "About", "Jobs", "Website", "Resources", "Learn", "Forum", "Status", "GitHub", "Discord", "Changelog",
    };

    [GeneratedRegex(@"^[•·*\-]?\s*(?<count>\d{1,5})\s+authors?$", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorsPattern();

    [GeneratedRegex(@"^(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<day>\d{1,2})(?:,\s*(?<year>\d{4}))?(?:\s+(?<votes>\d{1,7}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{1,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>Classifies <paramref name="raw"/>, line <paramref name="number"/>; dates without a year resolve against <paramref name="referenceDay"/>.</summary>
    public static HfPageLine Classify(string raw, long number, DateOnly referenceDay)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return new HfPageLine(HfLineKind.Blank, text, number);
        }

        if (_chrome.Contains(text))
        {
            return new HfPageLine(HfLineKind.Chrome, text, number);
        }

        if (text is "·" or "•")
        {
            return new HfPageLine(HfLineKind.Separator, text, number);
        }

        if (AuthorsPattern().Match(text) is { Success: true } authors)
        {
            return new HfPageLine(HfLineKind.Authors, text, number) { AuthorCount = int.Parse(authors.Groups["count"].ValueSpan, CultureInfo.InvariantCulture) };
        }

        if (DatePattern().Match(text) is { Success: true } date && ToDay(date, referenceDay) is { } day)
        {
            var votes = date.Groups["votes"];
            return new HfPageLine(HfLineKind.Date, text, number)
            {
                Day = day,
                Upvotes = votes.Success ? int.Parse(votes.ValueSpan, CultureInfo.InvariantCulture) : null,
            };
        }

        if (NumberPattern().IsMatch(text))
        {
            return new HfPageLine(HfLineKind.Number, text, number) { Upvotes = int.Parse(text, CultureInfo.InvariantCulture) };
        }

        return new HfPageLine(IsParagraph(text) ? HfLineKind.Paragraph : HfLineKind.Short, text, number);
    }

    /// <summary>True when some line of <paramref name="text"/> is one only a papers page has: a date, an author count, or the site's furniture.</summary>
    public static bool LooksLikePage(string text) =>
        text.Split('\n').Select(line => line.Trim()).Any(line => _chrome.Contains(line) || AuthorsPattern().IsMatch(line) || DatePattern().IsMatch(line));

    /// <summary>True when a short line could be a paper title rather than a stray word of furniture.</summary>
    public static bool LooksLikeTitle(string text) => CountWords(text) >= 2 && text.Any(char.IsLetter);

    /// <summary>The day <c>month day</c> names: the most recent one not after <paramref name="referenceDay"/> when no year is given.</summary>
    public static DateOnly? ResolveDay(int month, int day, int? year, DateOnly referenceDay)
    {
        if (year is { } given)
        {
            return IsValid(given, month, day) ? new DateOnly(given, month, day) : null;
        }

        // Eight years back always reaches a leap year, so 29 February resolves too.
        for (var candidate = referenceDay.Year; candidate > referenceDay.Year - 8; candidate--)
        {
            if (IsValid(candidate, month, day) && new DateOnly(candidate, month, day) <= referenceDay)
            {
                return new DateOnly(candidate, month, day);
            }
        }

        return null;
    }

    private static DateOnly? ToDay(Match date, DateOnly referenceDay)
    {
        var month = Array.FindIndex(_months, m => date.Groups["month"].Value.StartsWith(m, StringComparison.Ordinal)) + 1;
        var day = int.Parse(date.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        int? year = date.Groups["year"].Success ? int.Parse(date.Groups["year"].ValueSpan, CultureInfo.InvariantCulture) : null;
        return ResolveDay(month, day, year, referenceDay);
    }

    private static readonly string[] _months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>Prose is long, or has many words, or is a cut abstract: a dozen words ending in a full stop or an ellipsis.</summary>
    private static bool IsParagraph(string text)
    {
        if (text.Length > ParagraphLength)
        {
            return true;
        }

        var words = CountWords(text);
        return words >= 25 || (words >= 12 && (text.EndsWith('.') || text.EndsWith('…')));
    }

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
