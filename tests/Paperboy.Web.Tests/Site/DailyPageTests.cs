using System.Net;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

public sealed class DailyPageTests(SharedSite shared)
{
    private readonly HttpClient _client = shared.Client;

    [Fact]
    public async Task The_front_page_lists_the_newest_day_most_upvoted_first_a_page_at_a_time()
    {
        var html = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Friday 27 November 2026", html);
        Assert.Contains("5 papers", html);
        Assert.Equal(["2611.00002", "2611.00001", "2611.00003"], Html.PaperIds(html));
        Assert.Equal("/papers/date/2026-11-25", Html.LinkWithRel(html, "prev"));
        Assert.DoesNotContain("class=\"next\"", html);
        Assert.Contains("href=\"/papers/date/2026-11-27?p=2\"", html);
    }

    [Fact]
    public async Task A_day_links_to_the_nearest_listed_days_before_and_after_it()
    {
        var html = await _client.GetStringAsync("/papers/date/2026-11-25", TestContext.Current.CancellationToken);

        Assert.Contains("Wednesday 25 November 2026", html);
        Assert.Contains("href=\"/papers/date/2026-10-30\"", html);
        Assert.Contains("href=\"/papers/date/2026-11-27\"", html);
        Assert.Equal(["2611.00011", "2611.00012", "2611.00013"], Html.PaperIds(html));
    }

    [Fact]
    public async Task The_second_page_and_the_date_order_show_the_rest_of_the_day()
    {
        var second = await _client.GetStringAsync("/papers/date/2026-11-27?p=2", TestContext.Current.CancellationToken);
        var byDate = await _client.GetStringAsync("/papers/date/2026-11-27?sort=date", TestContext.Current.CancellationToken);

        Assert.Equal(["2611.00005", "2611.00004"], Html.PaperIds(second));
        Assert.Equal(["2611.00001", "2611.00002", "2611.00003"], Html.PaperIds(byDate));
    }

    [Fact]
    public async Task A_week_and_a_month_gather_their_days()
    {
        var week = await _client.GetStringAsync("/papers/week/2026-W48", TestContext.Current.CancellationToken);
        var month = await _client.GetStringAsync("/papers/month/2026-10", TestContext.Current.CancellationToken);

        Assert.Contains("Week 48 of 2026", week);
        Assert.Contains("10 papers", week);
        Assert.Equal(["2611.00002", "2611.00011", "2611.00001"], Html.PaperIds(week));
        Assert.Contains("October 2026", month);
        Assert.Contains("5 papers", month);
        Assert.Contains("href=\"/papers/month/2026-11\"", month);
    }

    [Theory]
    [InlineData("/papers/month/2026-10", "/papers/date/2026-10-30", "/papers/week/2026-W44")]
    [InlineData("/papers/week/2026-W48", "/papers/date/2026-11-27", "/papers/month/2026-11")]
    public async Task The_day_week_and_month_views_go_to_a_period_that_lists_papers(string path, string day, string other)
    {
        var html = await _client.GetStringAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains($"href=\"{day}\"", html);
        Assert.Contains($"href=\"{other}\"", html);
        foreach (var link in new[] { day, other })
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/papers/date/2026-11-26")]
    [InlineData("/papers/date/2026-13-01")]
    [InlineData("/papers/date/yesterday")]
    [InlineData("/papers/week/2026-W54")]
    [InlineData("/papers/week/2026-48")]
    [InlineData("/papers/month/2026-00")]
    [InlineData("/papers/week/9999-W52")]
    [InlineData("/papers/month/9999-12")]
    [InlineData("/papers/date/2026-11-27?sort=votes")]
    [InlineData("/papers/date/2026-11-27?p=9")]
    [InlineData("/papers/date/2026-11-27?p=abc")]
    [InlineData("/?p=99999999999")]
    [InlineData("/trending?p=abc")]
    [InlineData("/no/such/page")]
    public async Task Unknown_days_and_pages_are_a_404_page(string path)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Every_page_has_the_search_box_the_nav_and_the_own_assets()
    {
        var html = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<form class=\"search-box\" action=\"/search\" method=\"get\"", html);
        foreach (var link in new[] { "href=\"/\"", "href=\"/trending\"", "href=\"/search\"", "href=\"/api/docs\"" })
        {
            Assert.Contains(link, html);
        }

        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Paperboy daily papers\" href=\"/feeds/daily\">", html);
        Assert.DoesNotContain("https://cdn", html);
        Assert.Matches("href=\"/assets/site.css\\?v=[0-9a-f]{12}\"", html);
    }

    [Fact]
    public async Task Assets_are_served_from_the_assembly_with_a_long_cache_when_versioned()
    {
        var response = await _client.GetAsync("/assets/site.css?v=1", TestContext.Current.CancellationToken);
        var script = await _client.GetAsync("/assets/site.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("navigator.clipboard", await script.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
