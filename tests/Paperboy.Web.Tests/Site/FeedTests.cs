using System.Net;
using System.Xml.Linq;
using Paperboy.Papers;
using Paperboy.Web.Feeds;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

public sealed class FeedTests(SharedSite shared)
{
    private static readonly XNamespace _atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_daily_feed_is_atom_with_the_front_page_papers_most_upvoted_first()
    {
        var feed = await Feed("/feeds/daily");

        var entries = feed.Elements(_atom + "entry").ToList();
        Assert.Equal(5, entries.Count);
        Assert.Equal("Sparse attention for long documents", entries[0].Element(_atom + "title")!.Value);
        Assert.Equal("http://localhost/papers/2611.00002", entries[0].Element(_atom + "id")!.Value);
        Assert.Equal("2026-11-27T00:00:00Z", feed.Element(_atom + "updated")!.Value);
    }

    [Theory]
    [InlineData("/feeds/daily")]
    [InlineData("/feeds/trending")]
    [InlineData("/feeds/search?q=diffusion")]
    public async Task Every_feed_and_entry_has_the_elements_rfc_4287_requires(string path)
    {
        var feed = await Feed(path);

        Assert.NotEmpty(feed.Element(_atom + "id")!.Value);
        Assert.NotEmpty(feed.Element(_atom + "title")!.Value);
        Assert.True(DateTimeOffset.TryParse(feed.Element(_atom + "updated")!.Value, out _));
        Assert.Contains(feed.Elements(_atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.NotNull(feed.Element(_atom + "author")?.Element(_atom + "name"));
        var entries = feed.Elements(_atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            Assert.NotEmpty(entry.Element(_atom + "id")!.Value);
            Assert.NotEmpty(entry.Element(_atom + "title")!.Value);
            Assert.True(DateTimeOffset.TryParse(entry.Element(_atom + "updated")!.Value, out _));
            Assert.Contains(entry.Elements(_atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            Assert.NotEmpty(entry.Element(_atom + "summary")!.Value);
        }
    }

    [Fact]
    public async Task A_search_feed_follows_the_search_and_its_summaries_mark_matches()
    {
        var feed = await Feed("/feeds/search?q=diffusion&cat=cs.CV");

        var entry = feed.Elements(_atom + "entry").First();
        Assert.Equal("Diffusion for image editing", entry.Element(_atom + "title")!.Value);
        Assert.All(feed.Elements(_atom + "entry"), e => Assert.Contains(e.Elements(_atom + "category"), c => (string?)c.Attribute("term") == "cs.CV"));
        Assert.Equal("html", (string?)entry.Element(_atom + "summary")!.Attribute("type"));
        Assert.Contains("<mark>diffusion</mark>", entry.Element(_atom + "summary")!.Value);
        Assert.Contains(entry.Elements(_atom + "author"), a => a.Element(_atom + "name")!.Value == "Grace Hopper");
    }

    [Fact]
    public async Task A_search_feed_titles_its_filters_and_drops_what_xml_cannot_hold()
    {
        var byCategory = await Feed("/feeds/search?cat=cs.CV&from=2026-11-01");
        var withControl = await Feed("/feeds/search?q=diffusion%01%EF%BF%BE+models");

        Assert.Equal("Paperboy search: cat:cs.CV from:2026-11-01", byCategory.Element(_atom + "title")!.Value);
        Assert.Equal("Paperboy search: diffusion models", withControl.Element(_atom + "title")!.Value);
    }

    [Fact]
    public void An_undated_paper_takes_the_newest_date_of_the_feed_not_the_time_of_the_request()
    {
        var undated = new Paper { Id = "t:0000000000000001", Title = "Undated" };
        var dated = undated with { Id = "2611.00001", Listed = new DateOnly(2026, 11, 20) };

        var mixed = Updated(AtomFeed.Write("http://localhost", "/feeds/x", "/", "x", [new(undated), new(dated)], DateTimeOffset.UtcNow));
        var alone = Updated(AtomFeed.Write("http://localhost", "/feeds/x", "/", "x", [new(undated)], DateTimeOffset.UtcNow));

        Assert.Equal(["2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z"], mixed);
        Assert.Equal(["1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"], alone);
    }

    /// <summary>The feed's updated time, then each entry's.</summary>
    private static List<string> Updated(string feed) =>
        XDocument.Parse(feed).Descendants(_atom + "updated").Select(u => u.Value).ToList();

    [Theory]
    [InlineData("/feeds/search", "q")]
    [InlineData("/feeds/search?q=x&from=never", "from")]
    public async Task A_search_feed_with_bad_parameters_is_a_400_problem(string path, string parameter)
    {
        var response = await shared.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{parameter}\":", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<XElement> Feed(string path)
    {
        var response = await shared.Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(_atom + "feed", document.Root!.Name);
        return document.Root;
    }
}
