using System.Net;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

public sealed class SearchPageTests(SharedSite shared)
{
    private readonly HttpClient _client = shared.Client;

    [Fact]
    public async Task Results_mark_the_matched_words_in_titles_and_abstracts()
    {
        var html = await _client.GetStringAsync("/search?q=diffusion", TestContext.Current.CancellationToken);

        var ids = Html.PaperIds(html);
        Assert.Contains("2611.00001", ids);
        Assert.Contains("2611.00012", ids);
        Assert.Contains("<mark>Diffusion</mark> models for protein folding", html);
        Assert.Contains("<mark>diffusion</mark>", html);
        Assert.Contains("value=\"diffusion\"", html);
        Assert.Contains("href=\"/feeds/search?q=diffusion\"", html);
        Assert.Contains("<a class=\"votes upvote\" href=\"/account/sign-in?returnUrl=%2Fsearch%3Fq%3Ddiffusion\"", html);
    }

    [Fact]
    public void The_server_records_its_embedders_for_the_command_line_searches_beside_it()
    {
        Assert.Equal("hashing", Paperboy.Search.IndexedEmbedders.Read(shared.Site.DataDirectory));
    }

    [Fact]
    public async Task Category_and_date_filters_narrow_the_results()
    {
        var byCategory = Html.PaperIds(await _client.GetStringAsync("/search?q=diffusion&cat=cs.CV", TestContext.Current.CancellationToken));
        var byDate = Html.PaperIds(await _client.GetStringAsync("/search?q=diffusion&from=2026-11-26&to=2026-11-30", TestContext.Current.CancellationToken));

        // The keyword match comes first; the semantic leg may add papers alike in meaning, within the filters too.
        Assert.Equal("2611.00012", byCategory[0]);
        Assert.All(byCategory, id => Assert.True(id is "2611.00012" or "2610.00021", $"{id} is not in cs.CV"));
        Assert.Equal("2611.00001", byDate[0]);
        Assert.All(byDate, id => Assert.StartsWith("2611.0000", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_category_alone_lists_its_papers_newest_first_and_says_so()
    {
        // What a category chip on a paper card links to.
        var html = await _client.GetStringAsync("/search?cat=cs.CV", TestContext.Current.CancellationToken);

        Assert.Equal(["2611.00012", "2610.00021"], Html.PaperIds(html));
        Assert.Contains("<p class=\"note listing\">No words to rank by: the papers that match, newest first.</p>", html);
        Assert.DoesNotContain("note listing", await _client.GetStringAsync("/search?q=diffusion&cat=cs.CV", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Results_come_a_page_at_a_time()
    {
        var first = await _client.GetStringAsync("/search?q=protein+diffusion+language+models", TestContext.Current.CancellationToken);
        var second = await _client.GetStringAsync("/search?q=protein+diffusion+language+models&p=2", TestContext.Current.CancellationToken);

        Assert.Equal(3, Html.PaperIds(first).Count);
        Assert.Contains("href=\"/search?q=protein%20diffusion%20language%20models&amp;p=2\"", first);
        Assert.NotEmpty(Html.PaperIds(second));
        Assert.Empty(Html.PaperIds(first).Intersect(Html.PaperIds(second)));
    }

    [Fact]
    public async Task A_page_past_the_last_result_says_so_and_links_back_to_the_first()
    {
        var html = await _client.GetStringAsync("/search?q=protein+diffusion+language+models&p=40", TestContext.Current.CancellationToken);

        Assert.Empty(Html.PaperIds(html));
        Assert.Contains("Page 40 is past the last page of this search.", html);
        Assert.Contains("href=\"/search?q=protein%20diffusion%20language%20models\">Back to the first page", html);
        Assert.DoesNotContain("No papers match", html);
    }

    [Theory]
    [InlineData("/search?q=x&from=27-11-2026", "from")]
    [InlineData("/search?q=x&to=2026-02-30", "to")]
    [InlineData("/search?q=x&cat=cs%20CL!", "cat")]
    [InlineData("/search?q=x&from=2026-11-27&to=2026-11-01", "from")]
    [InlineData("/search?q=x&p=0", "p")]
    [InlineData("/search?q=x&p=500", "p")]
    [InlineData("/search?q=x&p=abc", "p")]
    [InlineData("/search?q=x&p=99999999999", "p")]
    public async Task A_bad_filter_is_a_400_page_naming_it(string path, string parameter)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"data-parameter=\"{parameter}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_empty_search_page_explains_the_syntax()
    {
        var html = await _client.GetStringAsync("/search", TestContext.Current.CancellationToken);

        Assert.Contains("author:", html);
        Assert.Empty(Html.PaperIds(html));
    }

    [Fact]
    public async Task Without_vectors_the_page_says_results_are_keyword_only()
    {
        await using var site = await TestSite.StartAsync(null, "Embedders=none");

        var html = await site.Client.GetStringAsync("/search?q=diffusion", TestContext.Current.CancellationToken);

        Assert.Contains("<p class=\"note coverage\">Keyword results only: no papers are embedded yet", html);
        Assert.Contains("2611.00001", Html.PaperIds(html));
    }

    [Fact]
    public async Task With_every_paper_embedded_no_coverage_note_is_shown()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/search?q=diffusion", TestContext.Current.CancellationToken));

        Assert.DoesNotContain("note coverage", html);
        Assert.Contains("found by bm25 + hashing", html);
    }
}
