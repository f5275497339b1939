using System.Globalization;
using Paperboy.Papers;
using Paperboy.Search;
using Paperboy.Search.Keyword;
using Paperboy.Web.Library;

namespace Paperboy.Web.Search;

/// <summary>A search as the site's forms and API ask it: the search-box text and optional filters.</summary>
/// <param name="Text">The search-box text, with its own syntax (<c>"phrase"</c>, <c>-word</c>, <c>cat:</c>, <c>author:</c>...).</param>
/// <param name="From">The first listing or publication day, <c>yyyy-MM-dd</c>.</param>
/// <param name="To">The last listing or publication day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Category">An arXiv category or archive, e.g. <c>cs.CL</c> or <c>cs</c>.</param>
public sealed record SearchRequest(string? Text, string? From = null, string? To = null, string? Category = null);

/// <summary>A result: the paper, its title with matches marked, and passages of its abstract with matches marked.</summary>
public sealed record SearchResult(Paper Paper, double Score, IReadOnlyList<string> Legs, HighlightedText Title, IReadOnlyList<HighlightedText> Passages);

/// <summary>One page of results, and a note when semantic search did not cover the whole corpus.</summary>
public sealed record SearchPage(SearchQuery Query, IReadOnlyList<SearchResult> Results, int Page, bool HasMore, string? Note);

/// <summary>Runs the site's searches (pages, API, feeds) over the library's hybrid search, with highlighting and paging.</summary>
/// <param name="library">The papers and their indexes.</param>
/// <param name="turns">How many searches <see cref="RunAsync"/> runs at once.</param>
public sealed class PaperSearch(PaperLibrary library, SearchTurns turns) : IDisposable
{
    /// <summary>
    /// Results past this depth are not offered: each page fetches its results from the top. A hybrid ranking holds at most
    /// the legs' candidates together (<see cref="HybridSearch.FusionDepth"/> each), so it may end sooner.
    /// </summary>
    public const int MaxResults = 300;

    private readonly KeywordHighlighter _highlighter = new();

    /// <summary>Parses the request into a query; each error names the parameter that was wrong.</summary>
    public static SearchQuery Parse(SearchRequest request, out IReadOnlyList<(string Parameter, string Error)> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<(string, string)>();
        var query = SearchQueryParser.Parse(request.Text);
        var filters = query.Filters;
        if (Day(request.From, "from", problems) is { } from)
        {
            filters = filters with { From = filters.From is { } f && f > from ? f : from };
        }

        if (Day(request.To, "to", problems) is { } to)
        {
            filters = filters with { To = filters.To is { } t && t < to ? t : to };
        }

        if (!string.IsNullOrWhiteSpace(request.Category))
        {
            var category = request.Category.Trim();
            if (!IsCategory(category))
            {
                problems.Add(("cat", $"'{category}' is not an arXiv category: expected letters, digits, '.' and '-', e.g. cs.CL"));
            }
            else
            {
                filters = filters with { Categories = [.. filters.Categories, category] };
            }
        }

        if (filters.From is { } first && filters.To is { } last && first > last)
        {
            problems.Add(("from", $"the range starts ({first:yyyy-MM-dd}) after it ends ({last:yyyy-MM-dd})"));
        }

        errors = problems;
        return query with { Filters = filters };
    }

    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="size"/> results for <paramref name="query"/>.</summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="size">Results per page.</param>
    /// <param name="passages">Whether to find the abstract's matching passages (titles are always marked).</param>
    private SearchPage Run(SearchQuery query, int page, int size, bool passages)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (query.IsEmpty)
        {
            return new SearchPage(query, [], page, false, null);
        }

        if (library.KeywordRebuilding)
        {
            throw new KeywordIndexException($"{library.Keyword}: the keyword index was found damaged and is being rebuilt from the store", isRebuilding: true);
        }

        var wanted = Math.Min(MaxResults, page * size);

        // Every page asks for the same candidates, so that pages are slices of one ranking (fused scores depend on them).
        var response = library.Search.Search(query, Math.Min(MaxResults, wanted + 1), candidates: library.Search.FusionDepth);
        var hits = response.Hits.Skip((page - 1) * size).Take(Math.Max(0, wanted - ((page - 1) * size))).ToList();
        var papers = library.FindAll(hits.Select(h => h.Id)).ToDictionary(p => p.Id);
        var results = hits
            .Where(h => papers.ContainsKey(h.Id))
            .Select(h => Result(papers[h.Id], h, query, passages))
            .ToList();
        return new SearchPage(query, results, page, response.Hits.Count > wanted && wanted < MaxResults, Note(response));
    }

    /// <summary>As <see cref="Run"/>, in its turn (<see cref="SearchTurns"/>).</summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="size">Results per page.</param>
    /// <param name="passages">Whether to find the abstract's matching passages (titles are always marked).</param>
    /// <param name="cancellation">Gives up the wait (e.g. the request was aborted); a search that has started finishes.</param>
    public async Task<SearchPage> RunAsync(SearchQuery query, int page, int size, bool passages = true, CancellationToken cancellation = default)
    {
        using var turn = await turns.TakeAsync(cancellation);
        return Run(query, page, size, passages);
    }

    public void Dispose() => _highlighter.Dispose();

    private SearchResult Result(Paper paper, FusedHit hit, SearchQuery query, bool withPassages)
    {
        var title = _highlighter.Mark(paper.Title, query);
        var passages = withPassages && query.HasText ? _highlighter.Fragments(paper.DisplayAbstract, query, 2, 200) : [];
        return new SearchResult(paper, hit.Score, hit.Legs, title, passages);
    }

    private static string? Note(HybridResponse response)
    {
        if (response.SemanticError is { } error)
        {
            return $"Keyword results only: {error}.";
        }

        var partial = response.Coverage.Where(c => c.Embedded < c.Papers).ToList();
        return partial.Count == 0
            ? null
            : "Embedding is still running: semantic search covers "
              + string.Join(", ", partial.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Embedded:N0} of {c.Papers:N0} papers ({c.Leg})")))
              + "; the rest are found by keywords only.";
    }

    private static DateOnly? Day(string? text, string parameter, List<(string, string)> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add((parameter, $"'{text}' is not a day: expected yyyy-MM-dd, e.g. 2026-11-27"));
        return null;
    }

    /// <summary>What an arXiv category or archive may contain.</summary>
    private static bool IsCategory(string text) =>
        text.Length is > 0 and <= 40 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
}
