using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Store;
using Paperboy.Web.Api;
using Paperboy.Web.Daily;
using Paperboy.Web.Library;
using Paperboy.Web.Search;
using Paperboy.Web.Trending;

namespace Paperboy.Web.Feeds;

/// <summary>The Atom feeds: <c>/feeds/daily</c>, <c>/feeds/trending</c> and <c>/feeds/search?q=...</c>.</summary>
public static class FeedEndpoints
{
    public const int Entries = 50;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        var feeds = routes.MapGroup("/feeds").ExcludeFromDescription();
        feeds.MapGet("/daily", (HttpContext http, DailyListings listings, TimeProvider clock) =>
        {
            var day = listings.FrontDay;
            var listing = day is null ? null : listings.Find(ListingPeriod.OfDay(day.Value), PaperOrder.Upvotes, 1, Entries);
            var title = day is null ? "Paperboy daily papers" : $"Paperboy daily papers: {ListingPeriod.OfDay(day.Value).Title}";
            return Feed(http, clock, "/", title, (listing?.Papers ?? []).Select(p => new FeedEntry(p)).ToList());
        }).CacheOutput(SiteOutputCache.Policy);
        feeds.MapGet("/trending", (HttpContext http, TrendingPapers trending, TimeProvider clock) =>
            Feed(http, clock, "/trending", "Paperboy trending papers", trending.Ranking().Take(Entries).Select(s => new FeedEntry(s.Paper)).ToList())).CacheOutput(SiteOutputCache.Policy);
        feeds.MapGet("/search", async (HttpContext http, PaperSearch search, TimeProvider clock, string? q, string? from, string? to, string? cat) =>
        {
            var query = PaperSearch.Parse(new SearchRequest(q, from, to, cat), out var errors);
            if (errors.Count > 0)
            {
                return ApiProblems.BadParameters(errors);
            }

            if (query.IsEmpty)
            {
                return ApiProblems.BadParameter("q", "a search feed needs words to search for (q) or a filter (from, to, cat)");
            }

            var page = await search.RunAsync(query, 1, Entries, cancellation: http.RequestAborted);
            var entries = page.Results
                .Select(r => new FeedEntry(r.Paper, r.Passages.Count > 0 ? HighlightHtml.ToHtmlString(HighlightHtml.Of(r.Passages)) : null))
                .ToList();
            var alternate = "/search" + http.Request.QueryString.Value;
            string?[] asked = [q?.Trim(), Filter("cat", cat), Filter("from", from), Filter("to", to)];
            return Feed(http, clock, alternate, "Paperboy search: " + string.Join(' ', asked.Where(part => !string.IsNullOrEmpty(part))), entries);
        }).RequireRateLimiting(SearchRateLimit.Policy);
        return routes;
    }

    /// <summary>A filter given as its own parameter, as the search box would write it (<c>cat:cs.CL</c>).</summary>
    private static string? Filter(string name, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{name}:{value.Trim()}";

    private static IResult Feed(HttpContext http, TimeProvider clock, string alternatePath, string title, IReadOnlyList<FeedEntry> entries)
    {
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
        var self = http.Request.Path + http.Request.QueryString;
        return Results.Text(AtomFeed.Write(baseUrl, self, alternatePath, title, entries, clock.GetUtcNow()), AtomFeed.ContentType);
    }
}
