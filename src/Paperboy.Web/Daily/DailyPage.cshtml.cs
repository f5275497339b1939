using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Paperboy.Store;
using Paperboy.Web.Library;
using Paperboy.Web.Submissions;

namespace Paperboy.Web.Daily;

/// <summary>The daily papers: <c>/</c> (the newest listing day) and the day, week and month views under <c>/papers/</c>.</summary>
[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class DailyPageModel(DailyListings listings, IOptions<PaperboyOptions> options, TimeProvider clock) : PageModel
{
    /// <summary>The routes this page answers besides <c>/</c>, each with its period kind.</summary>
    public static readonly (string Route, PeriodKind Kind)[] Routes =
    [
        ("papers/date/{period}", PeriodKind.Day),
        ("papers/week/{period}", PeriodKind.Week),
        ("papers/month/{period}", PeriodKind.Month),
    ];

    public DailyListing? Listing { get; private set; }

    /// <summary>The submitted papers the page shows: its period's, and on the front page those submitted since.</summary>
    public SubmittedSpan Submitted { get; private set; } = null!;

    /// <summary>The query-string value of the current sort: <c>upvotes</c> or <c>date</c>.</summary>
    public string Sort { get; private set; } = "upvotes";

    public IActionResult OnGet(string? period, string? sort, string? p)
    {
        var order = sort switch
        {
            null or "" or "upvotes" => PaperOrder.Upvotes,
            "date" => PaperOrder.Newest,
            _ => (PaperOrder?)null,
        };
        if (order is null || PageParameter.Parse(p) is not { } page)
        {
            return NotFound();
        }

        Sort = order == PaperOrder.Newest ? "date" : "upvotes";
        ListingPeriod listingPeriod;
        if (period is null)
        {
            if (listings.FrontDay is not { } newest)
            {
                return Page();
            }

            listingPeriod = ListingPeriod.OfDay(newest);
        }
        else if (!ListingPeriod.TryParse(KindOfRoute(), period, out listingPeriod, out _))
        {
            return NotFound();
        }

        Listing = listings.Find(listingPeriod, order.Value, page, options.Value.PageSize);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Submitted = new SubmittedSpan(listingPeriod, period is null && today > listingPeriod.Last ? today : listingPeriod.Last);
        return Listing is null ? NotFound() : Page();
    }

    /// <summary>The URL of this listing with another period, sort or page; the default sort and page 1 are left out.</summary>
    public string LinkTo(ListingPeriod period, string? sort = null, int page = 1)
    {
        sort ??= Sort;
        var query = new List<string>();
        if (sort != "upvotes")
        {
            query.Add($"sort={sort}");
        }

        if (page > 1)
        {
            query.Add($"p={page}");
        }

        return period.Path + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    private PeriodKind KindOfRoute()
    {
        var path = Request.Path.Value ?? "";
        return path.StartsWith("/papers/week/", StringComparison.Ordinal) ? PeriodKind.Week
            : path.StartsWith("/papers/month/", StringComparison.Ordinal) ? PeriodKind.Month
            : PeriodKind.Day;
    }
}
