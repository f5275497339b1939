using Microsoft.Playwright;

namespace Paperboy.Web.Tests.Browser;

/// <summary>What a reader does to vote, in a real browser against the real server: sign up, upvote, reload, take the vote back.</summary>
/// <remarks>A class fixture of its own: these tests write votes and accounts, so their server is not the one other tests read.</remarks>
public sealed class VotingBrowserTests(BrowserSite site) : BrowserTests(site)
{
    [Fact]
    public async Task A_reader_signs_up_upvotes_sees_the_count_change_and_survive_a_reload_then_takes_the_vote_back()
    {
        var page = await Site.NewPageAsync();
        await SignUpAsync(page, "ada");

        await page.GotoAsync("/");
        var paperId = await page.Locator("article.paper-card").First.GetAttributeAsync("data-paper-id");
        var button = Button(page, paperId!);
        var before = int.Parse(await button.Locator(".count").InnerTextAsync());
        Assert.Equal("false", await button.GetAttributeAsync("aria-pressed"));

        // A mark on the window survives only if the script updated the count in place rather than the page reloading.
        await page.EvaluateAsync("() => window.paperboyTestMark = 'still here'");
        await button.ClickAsync();
        await WaitForCountAsync(page, paperId!, before + 1);
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.paperboyTestMark"));
        Assert.Equal("true", await button.GetAttributeAsync("aria-pressed"));

        await page.ReloadAsync();
        Assert.Equal($"{before + 1}", await Button(page, paperId!).Locator(".count").InnerTextAsync());
        Assert.Equal("true", await Button(page, paperId!).GetAttributeAsync("aria-pressed"));

        await Button(page, paperId!).ClickAsync();
        await WaitForCountAsync(page, paperId!, before);
        await page.ReloadAsync();
        Assert.Equal($"{before}", await Button(page, paperId!).Locator(".count").InnerTextAsync());
        Assert.Equal("false", await Button(page, paperId!).GetAttributeAsync("aria-pressed"));
    }

    [Fact]
    public async Task Without_javascript_the_upvote_button_still_votes_on_the_paper_page()
    {
        var context = await Site.NewPageAsync();
        await SignUpAsync(context, "alan");
        await context.GotoAsync("/");
        var href = await context.Locator("article.paper-card h3 a").First.GetAttributeAsync("href");
        var cookies = await context.Context.CookiesAsync();
        var noScript = await NewPageWithoutScriptAsync(cookies);

        await noScript.GotoAsync(href!);
        var count = noScript.Locator(".paper-page form[data-upvote] .upvote-count");
        var before = int.Parse(await count.InnerTextAsync());
        await noScript.Locator(".paper-page form[data-upvote] button").ClickAsync();

        // The form posts and is sent back to the same page: the new document is the one that counts the vote. Polled, as
        // Playwright's load event now and then never comes (see WaitForDocumentAsync; in CI at a4f64d0, here).
        await noScript.WaitForFunctionAsync(
            "n => document.readyState === 'complete' && document.querySelector('.paper-page form[data-upvote] .upvote-count')?.textContent.trim() === String(n)",
            before + 1);

        Assert.EndsWith(href!, noScript.Url, StringComparison.Ordinal);
        Assert.Equal($"{before + 1}", await noScript.Locator(".paper-page form[data-upvote] .upvote-count").InnerTextAsync());
        Assert.Equal("true", await noScript.Locator(".paper-page form[data-upvote] button").GetAttributeAsync("aria-pressed"));
    }

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_back_to_the_paper()
    {
        var page = await Site.NewPageAsync();
        await page.GotoAsync("/");
        var href = await page.Locator("article.paper-card h3 a").First.GetAttributeAsync("href");
        await page.GotoAsync(href!);

        await page.Locator(".paper-page a.votes-inline.upvote").ClickAsync();
        await WaitForDocumentAsync(page, "/account/sign-in");
        await page.Locator("a[href^='/account/sign-up']").Last.ClickAsync();
        await FillSignUpAsync(page, "grace");

        await WaitForDocumentAsync(page, href!, exactPath: true);
        Assert.Equal("grace", await page.Locator(".account-nav .user").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".paper-page form[data-upvote]").CountAsync());
    }

    private static ILocator Button(IPage page, string paperId) =>
        page.Locator($"article.paper-card[data-paper-id='{paperId}'] form[data-upvote] button").First;

    private static async Task WaitForCountAsync(IPage page, string paperId, int expected) =>
        await page.WaitForFunctionAsync(
            "([id, n]) => document.querySelector(`article.paper-card[data-paper-id='${id}'] form[data-upvote] .count`)?.textContent === String(n)",
            new object[] { paperId, expected });

    private static async Task SignUpAsync(IPage page, string name)
    {
        await page.GotoAsync("/account/sign-up");
        await FillSignUpAsync(page, name);
        await WaitForDocumentAsync(page, "/", exactPath: true);
        Assert.Equal(name, await page.Locator(".account-nav .user").InnerTextAsync());
    }

    private static async Task FillSignUpAsync(IPage page, string name)
    {
        await page.Locator("input[name=UserName]").FillAsync(name);
        await page.Locator("input[name=Email]").FillAsync($"{name}@example.org");
        await page.Locator("input[name=Password]").FillAsync("correct horse battery");
        await page.Locator(".account-form button[type=submit]").ClickAsync();
    }

    private async Task<IPage> NewPageWithoutScriptAsync(IReadOnlyList<BrowserContextCookiesResult> cookies)
    {
        var page = await Site.NewPageAsync(javaScriptEnabled: false);
        await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
        return page;
    }
}
