using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Paperboy.Web.Library;

namespace Paperboy.Web.Search;

/// <summary><c>/search</c>: hybrid search with highlighted matches, date and category filters, and paging.</summary>
[EnableRateLimiting(SearchRateLimit.Policy)]
public sealed class SearchPageModel(PaperSearch search, IOptions<PaperboyOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cat")]
    public string? Category { get; set; }

    public SearchPage? Results { get; private set; }

    public IReadOnlyList<(string Parameter, string Error)> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? p)
    {
        var size = options.Value.SearchPageSize;
        if (PageParameter.Parse(p) is not { } page)
        {
            Errors = [("p", $"'{p}' is not a page number: expected a whole number from 1")];
        }
        else if ((page - 1) * size >= PaperSearch.MaxResults)
        {
            Errors = [("p", $"page {page} is out of range: results go {PaperSearch.MaxResults} deep, {size} a page")];
        }
        else
        {
            var query = PaperSearch.Parse(AsRequest(), out var errors);
            Errors = errors;
            if (errors.Count == 0)
            {
                Results = await search.RunAsync(query, page, size, cancellation: HttpContext.RequestAborted);
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>The same search on another page.</summary>
    public string LinkTo(int page) => "/search" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Text,
        ["from"] = From,
        ["to"] = To,
        ["cat"] = Category,
        ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    /// <summary>The feed of this search, for feed readers to follow.</summary>
    public string FeedUrl => "/feeds/search" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Text,
        ["from"] = From,
        ["to"] = To,
        ["cat"] = Category,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    private SearchRequest AsRequest() => new(Text, From, To, Category);
}
