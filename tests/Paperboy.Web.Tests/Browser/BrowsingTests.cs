using System.Xml.Linq;
using Microsoft.Playwright;

namespace Paperboy.Web.Tests.Browser;

/// <summary>What a reader does in a real browser against the real server: browse days, search, read papers, follow feeds.</summary>
public sealed class BrowsingTests(BrowserSite site) : BrowserTests(site)
{
    private static readonly string[] _screenshots = ["daily", "trending", "search", "paper"];

    [Fact]
    public async Task A_reader_browses_the_daily_page_and_pages_to_the_previous_day()
    {
        var page = await Site.NewPageAsync();

        await page.GotoAsync("/");
        var today = await page.Locator("h1").InnerTextAsync();
        Assert.True(await page.Locator("article.paper-card").CountAsync() > 0, "the front page lists no papers");

        await page.Locator("nav.period-nav a.prev").ClickAsync();
        await WaitForDocumentAsync(page, "/papers/date/");

        Assert.NotEqual(today, await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("article.paper-card").CountAsync() > 0, $"{page.Url} lists no papers");
        await page.Locator("nav.period-nav a.next").ClickAsync();
        await page.WaitForFunctionAsync("t => document.querySelector('h1')?.innerText === t", today);
    }

    [Fact]
    public async Task A_reader_searches_from_the_box_opens_a_result_and_follows_a_related_paper()
    {
        var page = await Site.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator(".search-box input[name=q]").FillAsync("diffusion models");
        await page.Locator(".search-box input[name=q]").PressAsync("Enter");
        await WaitForDocumentAsync(page, "/search");
        Assert.EndsWith("/search?q=diffusion+models", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator(".results mark").CountAsync() > 0, "no highlighted matches");

        var first = page.Locator(".results article.paper-card h3 a").First;
        var title = await first.InnerTextAsync();
        await first.ClickAsync();
        await WaitForDocumentAsync(page, "/papers/");
        Assert.Equal(title, await page.Locator(".paper-page h1").InnerTextAsync());

        var related = page.Locator(".related li a").First;
        var relatedTitle = await related.InnerTextAsync();
        await related.ClickAsync();
        await page.WaitForFunctionAsync("t => document.querySelector('.paper-page h1')?.innerText === t", relatedTitle);
        Assert.NotEqual(title, relatedTitle);
    }

    [Fact]
    public async Task The_pages_and_their_scripts_keep_within_the_content_policy()
    {
        var page = await Site.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var path in new[] { "/", "/trending", "/search?q=diffusion", "/account/sign-in", "/account/sign-up" })
        {
            await page.GotoAsync(path);
            await WaitForDocumentAsync(page, path.Split('?')[0], exactPath: true);
        }

        await page.GotoAsync("/search?q=diffusion");
        await page.Locator(".results article.paper-card h3 a").First.ClickAsync();
        await WaitForDocumentAsync(page, "/papers/");
        await page.Keyboard.PressAsync("/");

        Assert.Empty(errors);
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.name"));
    }

    [Fact]
    public async Task The_copy_button_puts_the_bibtex_entry_on_the_clipboard()
    {
        var page = await Site.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GotoAsync("/search?q=diffusion");
        await page.Locator(".results article.paper-card h3 a").First.ClickAsync();
        await WaitForDocumentAsync(page, "/papers/");

        await page.Locator("button.copy-bibtex").ClickAsync();

        // The label changes once the clipboard has taken the text (an awaited promise), and changes back 1.6 s later.
        await page.WaitForFunctionAsync("() => document.querySelector('button.copy-bibtex')?.innerText === 'Copied'");
        Assert.StartsWith("@misc{", await page.EvaluateAsync<string>("navigator.clipboard.readText()"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_finds_the_feed_of_the_daily_page_and_fetches_it()
    {
        var page = await Site.NewPageAsync();
        await page.GotoAsync("/");

        var href = await page.Locator("link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(href!);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/atom+xml", response.Headers["content-type"], StringComparison.Ordinal);
        var feed = XDocument.Parse(await response.TextAsync()).Root!;
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Name);
        Assert.NotEmpty(feed.Elements(atom + "entry"));
    }

    [Fact]
    public async Task An_unknown_paper_shows_the_not_found_page()
    {
        var page = await Site.NewPageAsync();

        var response = await page.GotoAsync("/papers/2699.99999");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Screenshots_of_the_main_pages()
    {
        // Written where PAPERBOY_SCREENSHOTS says (docs/screenshots for the README), else beside the test binaries.
        var folder = Environment.GetEnvironmentVariable("PAPERBOY_SCREENSHOTS") is { Length: > 0 } asked ? asked : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var page = await Site.NewPageAsync();

        await Shoot(page, "/", Path.Combine(folder, "daily.png"));
        await Shoot(page, "/trending", Path.Combine(folder, "trending.png"));
        await Shoot(page, "/search?q=diffusion+models", Path.Combine(folder, "search.png"));
        var paper = await page.Locator(".results article.paper-card h3 a").First.GetAttributeAsync("href");
        await Shoot(page, paper!, Path.Combine(folder, "paper.png"));

        Assert.All(_screenshots, name => Assert.True(new FileInfo(Path.Combine(folder, name + ".png")).Length > 10_000, name));
    }

    private static async Task Shoot(IPage page, string path, string file)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
    }
}
