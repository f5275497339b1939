using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Paperboy.Web.Library;

namespace Paperboy.Web.Trending;

/// <summary><c>/trending</c>: recent papers by their time-decayed upvotes, each score explained.</summary>
[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class TrendingPageModel(TrendingPapers trending, IOptions<PaperboyOptions> options) : PageModel
{
    public IReadOnlyList<TrendingScore> Scores { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; }

    public int Offset { get; private set; }

    public IActionResult OnGet(string? p)
    {
        var all = trending.Ranking();
        var size = options.Value.PageSize;
        PageCount = Math.Max(1, (all.Count + size - 1) / size);
        if (PageParameter.Parse(p) is not { } page || page > PageCount)
        {
            return NotFound();
        }

        (PageNumber, Offset) = (page, (page - 1) * size);
        Scores = all.Skip(Offset).Take(size).ToList();
        return Page();
    }
}
