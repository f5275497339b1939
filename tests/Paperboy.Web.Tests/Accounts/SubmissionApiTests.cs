using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Paperboy.Submissions;

namespace Paperboy.Web.Tests.Accounts;

/// <summary>Submitting papers by arXiv id or URL, fetched from a fake arXiv API on 127.0.0.1.</summary>
public sealed class SubmissionApiTests : IAsyncLifetime, IDisposable
{
    private readonly FakeArxivApi _arxiv = new(("2212.09525", "FreeEnricher: Enriching Face Landmarks"));
    private AccountsSite _site = null!;

    public async ValueTask InitializeAsync() =>
        _site = await AccountsSite.StartAsync($"--Paperboy:Accounts:ArxivApi={_arxiv.BaseAddress}", "--Paperboy:Accounts:ArxivRequestIntervalSeconds=0");

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => _arxiv.Dispose();

    [Fact]
    public async Task A_url_is_fetched_from_arxiv_and_joins_todays_submitted_papers()
    {
        using var api = await TokenClientAsync("ada");

        var created = await api.PostAsJsonAsync("/api/papers/submit", new { paper = "https://arxiv.org/abs/2212.09525v2" }, TestContext.Current.CancellationToken);
        var again = await api.PostAsJsonAsync("/api/papers/submit", new { paper = "2212.09525" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/papers/2212.09525", created.Headers.Location!.OriginalString);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("FreeEnricher: Enriching Face Landmarks", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("ada", body.RootElement.GetProperty("submittedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("alreadySubmitted").GetBoolean());
        Assert.Equal(1, _arxiv.Requests);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(["2212.09525"], _site.Service<ISubmissionStore>().ListSubmitted(SubmissionQuery.On(today)).Select(s => s.Paper.Id));
    }

    [Theory]
    [InlineData("not an id", HttpStatusCode.BadRequest, "'not an id' is not an arXiv id or arXiv URL")]
    [InlineData("", HttpStatusCode.BadRequest, "an arXiv id or URL is required")]
    [InlineData("2212.99999", HttpStatusCode.NotFound, "arXiv has no paper with id 2212.99999")]
    public async Task Malformed_and_unknown_ids_are_problems_that_say_why(string paper, HttpStatusCode status, string message)
    {
        using var api = await TokenClientAsync("ada");

        var response = await api.PostAsJsonAsync("/api/papers/submit", new { paper }, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/json", "{\"paper\":", HttpStatusCode.BadRequest, "The body is not the JSON this takes")]
    [InlineData("application/json", "{\"paper\":123}", HttpStatusCode.BadRequest, "The body is not the JSON this takes")]
    [InlineData("text/plain", "2212.09525", HttpStatusCode.UnsupportedMediaType, "/api/papers/submit does not take a body of type 'text/plain; charset=utf-8'; send application/json.")]
    public async Task A_body_that_is_not_the_json_it_takes_is_a_problem_saying_so(string contentType, string body, HttpStatusCode status, string detail)
    {
        using var api = await TokenClientAsync("ada");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        var response = await api.PostAsync("/api/papers/submit", content, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _arxiv.Requests);
    }

    [Fact]
    public async Task Anonymous_submissions_are_401_and_the_page_sends_visitors_to_sign_in()
    {
        using var visitor = _site.NewBrowser();

        var api = await visitor.Http.PostAsJsonAsync("/api/papers/submit", new { paper = "2212.09525" }, TestContext.Current.CancellationToken);
        using var broken = new StringContent("{\"paper\":", System.Text.Encoding.UTF8, "application/json");
        var malformed = await visitor.Http.PostAsync("/api/papers/submit", broken, TestContext.Current.CancellationToken);
        var page = await visitor.Http.GetAsync("/submit", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/sign-in", page.Headers.Location!.ToString());
        Assert.Equal(0, _arxiv.Requests);
    }

    [Fact]
    public async Task The_submit_page_posts_a_form_and_shows_the_outcome()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");

        var submitted = await browser.PostFormAsync("/submit", "/submit", ("Paper", "arXiv:2212.09525"));
        var malformed = await browser.PostFormAsync("/submit", "/submit", ("Paper", "2213.00001"));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("FreeEnricher: Enriching Face Landmarks", await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("month 13", WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_daily_page_shows_submitted_papers_with_their_submitter_apart_from_the_rest()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");
        var before = WebUtility.HtmlDecode(await browser.Http.GetStringAsync("/papers/date/2026-11-27", TestContext.Current.CancellationToken));

        await browser.PostFormAsync("/submit", "/submit", ("Paper", "2212.09525"));
        await browser.PostFormAsync("/submit", "/submit", ("Paper", AccountsSite.SecondPaper));

        var today = WebUtility.HtmlDecode(await browser.Http.GetStringAsync($"/papers/date/{DateTime.UtcNow:yyyy-MM-dd}", TestContext.Current.CancellationToken));
        var listingDay = WebUtility.HtmlDecode(await browser.Http.GetStringAsync("/papers/date/2026-11-27", TestContext.Current.CancellationToken));
        Assert.Contains("Nobody has submitted a paper for", before);
        Assert.Matches("Submitted by readers <span class=\"count\">2</span>[\\s\\S]*FreeEnricher[\\s\\S]*submitted by <strong>ada</strong>[\\s\\S]*Newly listed", today);
        Assert.Contains("Nobody has submitted a paper for", listingDay);
    }

    [Fact]
    public async Task A_paper_listed_before_and_submitted_today_shows_on_todays_page_and_the_front_page()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");

        var submitted = await browser.PostFormAsync("/submit", "/submit", ("Paper", AccountsSite.SecondPaper));
        var outcome = await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var day = $"/papers/date/{DateTime.UtcNow:yyyy-MM-dd}";
        var today = await browser.Http.GetAsync(day, TestContext.Current.CancellationToken);
        var front = WebUtility.HtmlDecode(await browser.Http.GetStringAsync("/", TestContext.Current.CancellationToken));

        Assert.Contains($"<a href=\"{day}\">", outcome);
        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        var todayHtml = WebUtility.HtmlDecode(await today.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Matches("Submitted by readers <span class=\"count\">1</span>[\\s\\S]*submitted by <strong>ada</strong>", todayHtml);
        Assert.Contains("Nothing was newly listed on this day", todayHtml);
        Assert.Matches("Submitted by readers <span class=\"count\">1</span>[\\s\\S]*submitted by <strong>ada</strong>[\\s\\S]*Newly listed", front);
    }

    [Fact]
    public async Task An_account_that_submits_too_often_gets_429_and_others_still_submit()
    {
        await using var limited = await AccountsSite.StartAsync($"--Paperboy:Accounts:ArxivApi={_arxiv.BaseAddress}", "--Paperboy:Accounts:ArxivRequestIntervalSeconds=0", "--Paperboy:Accounts:SubmitPermitsPerWindow=2");
        using var ada = await TokenClientAsync("ada", limited);
        using var alan = await TokenClientAsync("alan", limited);

        var answers = new List<HttpStatusCode>();
        foreach (var paper in new[] { AccountsSite.FirstPaper, AccountsSite.SecondPaper, AccountsSite.FirstPaper })
        {
            answers.Add((await ada.PostAsJsonAsync("/api/papers/submit", new { paper }, TestContext.Current.CancellationToken)).StatusCode);
        }

        var limitedAnswer = await ada.PostAsJsonAsync("/api/papers/submit", new { paper = AccountsSite.SecondPaper }, TestContext.Current.CancellationToken);
        var other = await alan.PostAsJsonAsync("/api/papers/submit", new { paper = AccountsSite.SecondPaper }, TestContext.Current.CancellationToken);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedAnswer.StatusCode);
        Assert.NotNull(limitedAnswer.Headers.RetryAfter);
        Assert.Contains("submissions per", await limitedAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private Task<HttpClient> TokenClientAsync(string name) => TokenClientAsync(name, _site);

    private static async Task<HttpClient> TokenClientAsync(string name, AccountsSite site)
    {
        using var browser = site.NewBrowser();
        await browser.SignUpAsync(name);
        var client = site.NewBrowser().Http;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await browser.CreateTokenAsync("script"));
        return client;
    }
}
