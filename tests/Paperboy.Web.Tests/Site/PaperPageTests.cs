using System.Net;
using Paperboy.Papers;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

public sealed class PaperPageTests(SharedSite shared)
{
    private readonly HttpClient _client = shared.Client;

    [Fact]
    public async Task A_paper_page_shows_the_abstract_with_its_latex_facts_bibtex_and_links_out()
    {
        var html = await _client.GetStringAsync("/papers/2611.00001", TestContext.Current.CancellationToken);

        Assert.Contains("<h1>Diffusion models for protein folding</h1>", html);
        Assert.Contains("fold $\\alpha$-helices.", html);
        Assert.Contains("Ada Lovelace, Alan Turing, Grace Hopper", html);
        Assert.Contains("<span class=\"upvote-count\">12</span>", html);
        Assert.Contains("href=\"https://arxiv.org/abs/2611.00001\"", html);
        Assert.Contains("href=\"https://arxiv.org/pdf/2611.00001\"", html);
        Assert.Contains("<pre class=\"bibtex\" id=\"bibtex\">@misc{lovelace2026diffusion,", html);
        Assert.Contains("data-copy-target=\"bibtex\"", html);
        Assert.Contains("href=\"/papers/date/2026-11-27\"", html);
    }

    [Theory]
    [InlineData("/papers/2611.00001v2", "/papers/2611.00001")]
    [InlineData("/papers/arXiv:2611.00001", "/papers/2611.00001")]
    [InlineData("/papers/hep-th/9901001v1", "/papers/hep-th/9901001")]
    public async Task Another_form_of_an_id_redirects_to_the_papers_page(string path, string page)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(page, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Related_papers_link_to_other_papers_never_to_itself()
    {
        var html = await _client.GetStringAsync("/papers/2611.00001", TestContext.Current.CancellationToken);
        var related = html[html.IndexOf("<section class=\"related\">", StringComparison.Ordinal)..];

        Assert.Matches("<li>\\s*<a href=\"/papers/", related);
        Assert.DoesNotContain("href=\"/papers/2611.00001\"", related[..related.IndexOf("</section>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Old_arxiv_ids_keep_their_slash_and_title_ids_their_colon()
    {
        var titleId = new PaperRecord { Source = "t", Origin = "t", Title = TestPapers.TitleOnlyTitle }.PaperId;

        var old = await _client.GetStringAsync("/papers/hep-th/9901001", TestContext.Current.CancellationToken);
        var titled = await _client.GetStringAsync($"/papers/{titleId}", TestContext.Current.CancellationToken);

        Assert.Contains("<h1>Strings on branes</h1>", old);
        Assert.Contains("href=\"https://arxiv.org/abs/hep-th/9901001\"", old);
        Assert.Contains($"<h1>{TestPapers.TitleOnlyTitle}</h1>", titled);
        Assert.Contains("8 authors", titled);
        Assert.DoesNotContain("arxiv.org/abs/t:", titled);
        Assert.StartsWith("t:", titleId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/papers/2699.99999")]
    [InlineData("/papers/t:0000000000000000")]
    [InlineData("/papers/hep-th/0000000")]
    public async Task An_unknown_paper_is_a_404_page(string path)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
