using System.Net;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Searches_past_the_limit_are_refused_with_429_and_retry_after_while_listings_are_not_limited()
    {
        await using var site = await TestSite.StartAsync(null, "SearchPermitsPerWindow=2", "SearchWindowSeconds=600");
        var cancel = TestContext.Current.CancellationToken;

        var first = await site.Client.GetAsync("/api/papers/search?q=diffusion", cancel);
        var second = await site.Client.GetAsync("/search?q=diffusion", cancel);
        var api = await site.Client.GetAsync("/api/papers/search?q=protein", cancel);
        var page = await site.Client.GetAsync("/search?q=protein", cancel);
        var feed = await site.Client.GetAsync("/feeds/search?q=protein", cancel);
        var daily = await site.Client.GetAsync("/", cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        foreach (var refused in new[] { api, feed })
        {
            var problem = await ApiAssert.Problem(refused, HttpStatusCode.TooManyRequests);
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
            Assert.Contains("retry after", problem.GetProperty("detail").GetString());
        }

        // A person at the search page gets the site's page for the status, with the same header.
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Too many requests</h1>", await page.Content.ReadAsStringAsync(cancel));
        Assert.InRange(page.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);

        Assert.Equal(HttpStatusCode.OK, daily.StatusCode);
    }
}
