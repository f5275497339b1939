using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Paperboy.Store;
using Paperboy.Votes;

namespace Paperboy.Web.Tests.Accounts;

/// <summary>Upvoting through the API (cookie or personal token) and through the buttons' form posts.</summary>
public sealed class VoteApiTests : IAsyncLifetime
{
    private AccountsSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await AccountsSite.StartAsync();

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private IPaperStore Papers => _site.Service<Paperboy.Web.Library.PaperLibrary>().Store;

    [Fact]
    public async Task An_anonymous_upvote_is_401_problem_details()
    {
        using var browser = _site.NewBrowser();

        var response = await browser.Http.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Sign-in required", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("Bearer realm=\"Paperboy\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(3, Papers.Find(AccountsSite.FirstPaper)!.Upvotes);
    }

    [Fact]
    public async Task A_token_votes_once_takes_the_vote_back_and_the_count_includes_source_votes()
    {
        using var api = await TokenClientAsync("ada");

        var first = await api.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);
        var again = await api.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);
        var back = await api.DeleteAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", TestContext.Current.CancellationToken);

        Assert.Equal("""{"id":"2401.00001","upvoted":true,"upvotes":4}""", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("""{"id":"2401.00001","upvoted":true,"upvotes":4}""", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("""{"id":"2401.00001","upvoted":false,"upvotes":3}""", await back.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, Papers.Find(AccountsSite.FirstPaper)!.Upvotes);
    }

    [Fact]
    public async Task Old_style_ids_and_unknown_papers()
    {
        using var api = await TokenClientAsync("ada");

        var old = await api.PostAsync("/api/papers/hep-th/9901001/upvote", null, TestContext.Current.CancellationToken);
        var missing = await api.PostAsync("/api/papers/2401.99999/upvote", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(1, Papers.Find(AccountsSite.OldStylePaper)!.Upvotes);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No paper has the id '2401.99999'", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_token_acts_only_for_its_owner()
    {
        using var ada = await TokenClientAsync("ada");
        using var alan = await TokenClientAsync("alan");

        await ada.PostAsync($"/api/papers/{AccountsSite.SecondPaper}/upvote", null, TestContext.Current.CancellationToken);
        await alan.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);
        var alanTakesBack = await alan.DeleteAsync($"/api/papers/{AccountsSite.SecondPaper}/upvote", TestContext.Current.CancellationToken);

        var accounts = _site.Service<Paperboy.Accounts.IAccountStore>();
        var votes = _site.Service<IVoteStore>();
        Assert.Equal([AccountsSite.SecondPaper], votes.UpvotedBy(accounts.FindUserByNameOrEmail("ada")!.Id, 10));
        Assert.Equal([AccountsSite.FirstPaper], votes.UpvotedBy(accounts.FindUserByNameOrEmail("alan")!.Id, 10));
        Assert.Equal("""{"id":"2401.00002","upvoted":false,"upvotes":2}""", await alanTakesBack.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_revoked_or_malformed_token_is_401()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");
        var secret = await browser.CreateTokenAsync("script");
        var tokenId = _site.Service<Paperboy.Accounts.IAccountStore>().ListApiTokens(1).Single().Id;
        await browser.PostFormAsync("/account", "/account?handler=Revoke", ("tokenId", $"{tokenId}"));
        using var revoked = Bearer(secret);
        using var malformed = Bearer("not-a-token");

        var refused = await revoked.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(3, Papers.Find(AccountsSite.FirstPaper)!.Upvotes);
    }

    [Fact]
    public async Task A_cookie_request_needs_the_antiforgery_header()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");

        var without = await browser.Http.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/papers/{AccountsSite.FirstPaper}/upvote");
        request.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync("/account"));
        var with = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("Antiforgery token missing or invalid", await without.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(4, Papers.Find(AccountsSite.FirstPaper)!.Upvotes);
    }

    [Fact]
    public async Task The_button_form_redirects_back_or_answers_json_and_sends_visitors_to_sign_in()
    {
        using var visitor = _site.NewBrowser();
        using var ada = _site.NewBrowser();
        await ada.SignUpAsync("ada");

        var anonymous = await visitor.PostFormAsync("/account/sign-in", "/votes", ("paper", AccountsSite.FirstPaper), ("returnUrl", "/papers/2401.00001"));
        var voted = await ada.PostFormAsync("/account", "/votes", ("paper", AccountsSite.FirstPaper), ("vote", "add"), ("returnUrl", "/papers/2401.00001"));
        ada.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var takenBack = await ada.PostFormAsync("/account", "/votes", ("paper", AccountsSite.FirstPaper), ("vote", "remove"), ("returnUrl", "//evil.example"));
        var forged = await ada.Http.PostAsync("/votes", new FormUrlEncodedContent([KeyValuePair.Create("paper", AccountsSite.FirstPaper)]), TestContext.Current.CancellationToken);
        var notAForm = await ada.Http.PostAsync("/votes", new StringContent("""{"paper":"2401.00001"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var noPaper = await ada.PostFormAsync("/account", "/votes", ("vote", "add"));
        using var malformed = new StringContent("paper=2401.00001");
        malformed.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var unreadable = await ada.Http.PostAsync("/votes", malformed, TestContext.Current.CancellationToken);

        Assert.Equal("/account/sign-in?returnUrl=%2Fpapers%2F2401.00001", anonymous.Headers.Location!.OriginalString);
        Assert.Equal("/papers/2401.00001", voted.Headers.Location!.OriginalString);
        Assert.Equal("""{"id":"2401.00001","upvoted":false,"upvotes":3}""", await takenBack.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPaper.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("Antiforgery token missing or invalid", await unreadable.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, Papers.Find(AccountsSite.FirstPaper)!.Upvotes);
    }

    [Fact]
    public async Task A_vote_is_in_the_change_feed_at_once_so_pages_and_indexes_follow()
    {
        using var api = await TokenClientAsync("ada");
        var library = _site.Service<Paperboy.Web.Library.PaperLibrary>();
        var before = library.ChangeSequence;

        await api.PostAsync($"/api/papers/{AccountsSite.FirstPaper}/upvote", null, TestContext.Current.CancellationToken);

        Assert.True(library.ChangeSequence > before, "the library did not catch up with the vote");
        Assert.Equal(4, Papers.ChangesSince(before, 10).Single().Paper!.Upvotes);
    }

    [Fact]
    public async Task The_daily_page_shows_each_users_own_vote_and_the_new_count_after_a_reload()
    {
        using var ada = _site.NewBrowser();
        using var alan = _site.NewBrowser();
        using var visitor = _site.NewBrowser();
        await ada.SignUpAsync("ada");
        await alan.SignUpAsync("alan");
        var page = "/papers/date/2026-11-27";
        await ada.Http.GetStringAsync(page, TestContext.Current.CancellationToken);

        await ada.PostFormAsync(page, "/votes", ("paper", AccountsSite.FirstPaper), ("vote", "add"), ("returnUrl", page));

        var adaSees = await ada.Http.GetStringAsync(page, TestContext.Current.CancellationToken);
        var alanSees = await alan.Http.GetStringAsync(page, TestContext.Current.CancellationToken);
        var visitorSees = await visitor.Http.GetStringAsync(page, TestContext.Current.CancellationToken);
        Assert.Matches("name=\"paper\" value=\"2401.00001\">\\s*<input type=\"hidden\" name=\"vote\" value=\"remove\">[\\s\\S]*?aria-pressed=\"true\"[^>]*><span class=\"arrow\" aria-hidden=\"true\">[^<]*</span><span class=\"count\">4</span>", adaSees);
        Assert.Matches("name=\"paper\" value=\"2401.00001\">\\s*<input type=\"hidden\" name=\"vote\" value=\"add\">[\\s\\S]*?<span class=\"count\">4</span>", alanSees);
        Assert.Contains("href=\"/account/sign-in?returnUrl=%2Fpapers%2Fdate%2F2026-11-27\"", visitorSees);
        Assert.DoesNotContain("__RequestVerificationToken", visitorSees);
    }

    [Fact]
    public async Task The_paper_page_shows_who_may_vote_the_users_vote_and_a_delete_button_for_admins_only()
    {
        using var ada = _site.NewBrowser();
        using var alan = _site.NewBrowser();
        using var visitor = _site.NewBrowser();
        await ada.SignUpAsync("ada");
        await alan.SignUpAsync("alan");
        var page = $"/papers/{AccountsSite.FirstPaper}";

        await alan.PostFormAsync(page, "/votes", ("paper", AccountsSite.FirstPaper), ("vote", "add"), ("returnUrl", page));

        var visitorSees = WebUtility.HtmlDecode(await visitor.Http.GetStringAsync(page, TestContext.Current.CancellationToken));
        var alanSees = await alan.Http.GetStringAsync(page, TestContext.Current.CancellationToken);
        var adaSees = await ada.Http.GetStringAsync(page, TestContext.Current.CancellationToken);
        Assert.Contains("<span class=\"upvote-count\">4</span> upvotes · sign in to vote", visitorSees);
        Assert.Contains("<dd>4: 3 reported by the paper's sources, 1 on this site</dd>", visitorSees);
        Assert.Contains("aria-pressed=\"true\"", alanSees);
        Assert.Contains("aria-pressed=\"false\"", adaSees);
        Assert.DoesNotContain("class=\"delete-paper\"", alanSees);
        Assert.Contains("class=\"delete-paper\"", adaSees);
        var deleted = await ada.PostFormAsync(page, "/admin?handler=Delete", ("paper", AccountsSite.FirstPaper));
        Assert.Contains("Deleted 2401.00001", await deleted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(page, TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<HttpClient> TokenClientAsync(string name)
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync(name);
        return Bearer(await browser.CreateTokenAsync($"{name}'s token"));
    }

    private HttpClient Bearer(string secret)
    {
        var client = _site.NewBrowser().Http;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
