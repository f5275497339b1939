using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Store;
using Paperboy.Web.Daily;
using Paperboy.Web.Library;
using Paperboy.Web.Papers;
using Paperboy.Web.Search;
using Paperboy.Web.Trending;

namespace Paperboy.Web.Api;

/// <summary>The read side of the JSON API, shaped like Hugging Face's papers API so that its clients port easily.</summary>
public static class PapersApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>A paper's id in a route: anything but the names of the API's own addresses, which answer 405 to other methods.</summary>
    internal const string IdRoute = "{id:regex(^(?!(import|submit|search)$))}";

    /// <summary>An old arXiv id in a route, as its two segments: an archive (<c>hep-th</c>, <c>math.AG</c>) and seven digits.</summary>
    internal const string OldIdRoute = "{archive:regex(^[a-zA-Z][a-zA-Z.-]*$)}/{number:regex(^\\d{{7}}(v\\d+)?$)}";

    public static IEndpointRouteBuilder MapPapersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Papers");
        api.MapGet("/daily_papers", DailyPapers)
            .CacheOutput(SiteOutputCache.Policy)
            .WithSummary("Papers of a listing day, ISO week or month")
            .WithDescription("At most one of date (yyyy-MM-dd), week (yyyy-Www) and month (yyyy-MM); none gives the newest full listing day. sort is publishedAt (newest first, the default) or trending (the site's time-decayed upvote score). p is the page index from 0; limit 1-100 (default 50). An unlisted period gives an empty list.");
        api.MapGet("/papers/search", SearchPapers)
            .WithSummary("Hybrid (keyword + semantic) search")
            .WithDescription("q uses the search-box syntax: words, \"phrases\", -exclusions, author:, cat:, year:, from:, to:. Without words (filters or exclusions alone) the papers that match come newest first. limit 1-100 (default 50). Rate-limited per client address; a 429 carries Retry-After.")
            .RequireRateLimiting(SearchRateLimit.Policy);
        api.MapGet($"/papers/{IdRoute}", Paper)
            .CacheOutput(SiteOutputCache.Policy)
            .WithSummary("One paper")
            .WithDescription("Old-style arXiv ids with a slash (hep-th/9901001) are served at /api/papers/hep-th/9901001; t: ids (papers without an arXiv id) as they are.");
        api.MapGet($"/papers/{IdRoute}/related", Related)
            .CacheOutput(SiteOutputCache.Policy)
            .WithSummary("Papers related to one paper")
            .WithDescription("The closest papers in meaning (by the embedding models), or by its title and abstract as keywords while it has no vector.");

        // Old arXiv ids keep their slash: two segments, the same handlers.
        api.MapGet($"/papers/{OldIdRoute}", (string archive, string number, PaperViews views) => Paper($"{archive}/{number}", views)).ExcludeFromDescription();
        api.MapGet($"/papers/{OldIdRoute}/related", (string archive, string number, PaperViews views, string? limit) => Related($"{archive}/{number}", views, limit)).ExcludeFromDescription();
        return routes;
    }

    internal static Results<Ok<List<ApiDailyPaper>>, ProblemHttpResult, ValidationProblem> DailyPapers(
        DailyListings listings, TrendingPapers trending, PaperLibrary library, TimeProvider clock,
        string? date, string? week, string? month, string? sort, string? p, string? limit)
    {
        var errors = new List<(string, string)>();
        var named = new[] { ("date", date, PeriodKind.Day), ("week", week, PeriodKind.Week), ("month", month, PeriodKind.Month) }
            .Where(x => !string.IsNullOrEmpty(x.Item2)).ToList();
        ListingPeriod? period = null;
        if (named.Count > 1)
        {
            errors.Add((named[1].Item1, $"give one of date, week and month, not {string.Join(" and ", named.Select(x => x.Item1))}"));
        }
        else if (named.Count == 1)
        {
            var (name, text, kind) = named[0];
            if (ListingPeriod.TryParse(kind, text, out var parsed, out var error))
            {
                period = parsed;
            }
            else
            {
                errors.Add((name, error));
            }
        }

        var trendingSort = sort switch
        {
            null or "" or "publishedAt" => false,
            "trending" => true,
            _ => (bool?)null,
        };
        if (trendingSort is null)
        {
            errors.Add(("sort", $"'{sort}' is not a sort: expected publishedAt or trending"));
        }

        var page = Integer(p, "p", 0, 0, 10_000, errors);
        var size = Integer(limit, "limit", DefaultLimit, 1, MaxLimit, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.BadParameters(errors);
        }

        period ??= listings.FrontDay is { } front ? ListingPeriod.OfDay(front) : null;
        if (period is not { } chosen)
        {
            return TypedResults.Ok(new List<ApiDailyPaper>());
        }

        if (trendingSort == true)
        {
            var now = clock.GetUtcNow();
            var scored = library.Store.List(new PaperQuery { ListedFrom = chosen.First, ListedTo = chosen.Last, Order = PaperOrder.Upvotes, Limit = TrendingPapers.Candidates })
                .Select(paper => TrendingScore.Of(paper, now))
                .OrderByDescending(s => s.Score).ThenBy(s => s.Paper.Id, StringComparer.Ordinal);
            return TypedResults.Ok(scored.Skip(page * size).Take(size).Select(s => ApiDailyPaper.Of(s.Paper, s.Score)).ToList());
        }

        var listing = listings.Find(chosen, PaperOrder.Newest, page + 1, size);
        return TypedResults.Ok((listing?.Papers ?? []).Select(paper => ApiDailyPaper.Of(paper)).ToList());
    }

    internal static async Task<Results<Ok<List<ApiSearchResult>>, ValidationProblem>> SearchPapers(PaperSearch search, string? q, string? limit, CancellationToken cancellation)
    {
        var errors = new List<(string, string)>();
        var size = Integer(limit, "limit", DefaultLimit, 1, MaxLimit, errors);
        var query = PaperSearch.Parse(new SearchRequest(q), out var queryErrors);
        errors.AddRange(queryErrors);
        if (query.IsEmpty)
        {
            errors.Add(("q", "give words to search for, e.g. q=diffusion models"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.BadParameters(errors);
        }

        var results = (await search.RunAsync(query, 1, size, passages: false, cancellation)).Results.Select(r =>
        {
            var paper = ApiPaper.Of(r.Paper);
            return new ApiSearchResult(paper, paper.Title, paper.Summary, r.Score, r.Legs, HighlightHtml.ToHtmlString(HighlightHtml.Of(r.Title)));
        });
        return TypedResults.Ok(results.ToList());
    }

    internal static Results<Ok<ApiPaper>, ProblemHttpResult> Paper(string id, PaperViews views) =>
        views.Find(id) is { } view ? TypedResults.Ok(ApiPaper.Of(view.Paper)) : ApiProblems.PaperNotFound(id);

    internal static Results<Ok<List<ApiRelatedPaper>>, ProblemHttpResult, ValidationProblem> Related(string id, PaperViews views, string? limit)
    {
        var errors = new List<(string, string)>();
        var size = Integer(limit, "limit", PaperViews.RelatedCount, 1, PaperViews.RelatedCount, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.BadParameters(errors);
        }

        return views.Find(id) is { } view
            ? TypedResults.Ok(view.Related.Take(size).Select(r => new ApiRelatedPaper(ApiPaper.Of(r.Paper), r.Score)).ToList())
            : ApiProblems.PaperNotFound(id);
    }

    /// <summary>Reads an integer parameter ourselves, so that a bad one is a 400 naming it rather than a bare binding failure.</summary>
    private static int Integer(string? text, string parameter, int fallback, int min, int max, List<(string, string)> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add((parameter, $"'{text}' is not a whole number: expected one from {min} to {max}"));
        }
        else if (value >= min && value <= max)
        {
            return value;
        }
        else
        {
            errors.Add((parameter, $"'{text}' is out of range: expected a whole number from {min} to {max}"));
        }

        return fallback;
    }
}
