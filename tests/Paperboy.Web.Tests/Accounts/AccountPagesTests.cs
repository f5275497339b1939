using System.Net;
using Microsoft.Data.Sqlite;
using Paperboy.Web.Accounts;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Accounts;

/// <summary>Sign up, sign in and out, and the account page, as a browser posts their forms.</summary>
public sealed class AccountPagesTests : IAsyncLifetime
{
    private AccountsSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await AccountsSite.StartAsync("--Paperboy:Accounts:SignInPermitsPerWindow=3", "--Paperboy:Accounts:SignInWindowSeconds=600");

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Signing_up_signs_in_and_the_first_user_becomes_admin()
    {
        using var ada = _site.NewBrowser();
        using var alan = _site.NewBrowser();

        var first = await ada.SignUpAsync("ada");
        await alan.SignUpAsync("alan");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location!.OriginalString);
        var account = WebUtility.HtmlDecode(await ada.Http.GetStringAsync("/account", TestContext.Current.CancellationToken));
        Assert.Contains("ada@example.org", account);
        Assert.Contains("· admin", account);
        Assert.DoesNotContain("· admin", WebUtility.HtmlDecode(await alan.Http.GetStringAsync("/account", TestContext.Current.CancellationToken)));
        Assert.Contains("href=\"/admin\"", await ada.Http.GetStringAsync("/account", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sign_up_names_each_broken_rule_and_a_taken_name()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");
        using var other = _site.NewBrowser();

        var invalid = await other.PostFormAsync("/account/sign-up", "/account/sign-up", ("UserName", "a"), ("Email", "not-an-email"), ("Password", "short"));
        var taken = await other.SignUpAsync("ADA");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("user name must be 3 to 32 characters long (it has 1)", html);
        Assert.Contains("email 'not-an-email' is not an email address like name@example.org", html);
        Assert.Contains("password must be at least 8 characters long (it has 5)", html);
        Assert.Contains("user name 'ADA' is taken", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Forms_without_their_antiforgery_token_are_refused()
    {
        using var browser = _site.NewBrowser();
        await browser.Http.GetAsync("/account/sign-up", TestContext.Current.CancellationToken);

        var response = await browser.Http.PostAsync("/account/sign-up", new FormUrlEncodedContent([
            KeyValuePair.Create("UserName", "mallory"), KeyValuePair.Create("Email", "m@example.org"), KeyValuePair.Create("Password", "correct horse battery")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token is missing or has expired", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var ada = _site.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await ada.SignUpAsync("ada")).StatusCode);
        Assert.Single(_site.Service<Paperboy.Accounts.IAccountStore>().ListUsers());
    }

    [Fact]
    public async Task Sign_in_checks_the_password_and_returns_to_a_local_page_only()
    {
        using (var signUp = _site.NewBrowser())
        {
            await signUp.SignUpAsync("ada");
        }

        using var browser = _site.NewBrowser();
        var wrong = await browser.SignInAsync("ada", "wrong password");
        var right = await browser.PostFormAsync("/account/sign-in?returnUrl=%2Fpapers%2F2401.00001", "/account/sign-in", ("NameOrEmail", "ada@example.org"), ("Password", "correct horse battery"), ("ReturnUrl", "/papers/2401.00001"));
        using var elsewhere = _site.NewBrowser();
        var open = await elsewhere.PostFormAsync("/account/sign-in", "/account/sign-in", ("NameOrEmail", "ada"), ("Password", "correct horse battery"), ("ReturnUrl", "//evil.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("do not match an account", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/papers/2401.00001", right.Headers.Location!.OriginalString);
        Assert.Equal("/", open.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/papers/2401.00001?p=2", "/papers/2401.00001?p=2")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/\r\n/evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Return_addresses_stay_on_the_site(string? asked, string used) =>
        Assert.Equal(used, AccountPages.SafeReturnUrl(asked));

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_with_retry_after()
    {
        using var browser = _site.NewBrowser();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("ada", "guess " + attempt)).StatusCode);
        }

        var limited = await browser.SignInAsync("ada", "one more guess");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        Assert.Contains("<h1>Too many requests</h1>", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account/sign-in", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Too_many_sign_up_attempts_get_429_too()
    {
        using var browser = _site.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignUpAsync("ada")).StatusCode);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignUpAsync("ada")).StatusCode);
        }

        var limited = await browser.SignUpAsync("ada");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("<h1>Too many requests</h1>", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account/sign-up", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Behind_an_https_proxy_with_forwarded_headers_on_the_sign_in_cookie_is_secure()
    {
        await using var proxied = await AccountsSite.StartAsync("--ForwardedHeaders_Enabled=true");
        using var browser = proxied.NewBrowser();
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var direct = _site.NewBrowser();
        direct.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var behindProxy = await browser.SignUpAsync("ada");
        var notTrusted = await direct.SignUpAsync("ada");

        Assert.Contains(behindProxy.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("paperboy.auth=", StringComparison.Ordinal) && cookie.Contains("; secure", StringComparison.Ordinal));
        Assert.Contains(notTrusted.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("paperboy.auth=", StringComparison.Ordinal) && !cookie.Contains("; secure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_takes_a_post_and_ends_the_session()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");

        var get = await browser.Http.GetAsync("/account/sign-out", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        var post = await browser.PostFormAsync("/account/sign-out", "/account/sign-out");
        var account = await browser.Http.GetAsync("/account", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?ReturnUrl=%2Faccount", account.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_the_sign_in_cookie_stops_working_when_its_session_signs_out()
    {
        using var browser = _site.NewBrowser();
        await browser.SignUpAsync("ada");
        using var copy = _site.NewBrowser();
        copy.Http.DefaultRequestHeaders.Add("Cookie", browser.SignInCookie());

        var before = await copy.Http.GetAsync("/account", TestContext.Current.CancellationToken);
        await browser.PostFormAsync("/account/sign-out", "/account/sign-out");
        var after = await copy.Http.GetAsync("/account", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_deletes_the_sessions_whose_cookies_have_all_expired_but_keeps_renewed_ones()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var site = await AccountsSite.StartAsync(clock);
        using var laptop = site.NewBrowser();
        using var phone = site.NewBrowser();
        using var alan = site.NewBrowser();
        await laptop.SignUpAsync("ada");
        await phone.SignInAsync("ada");

        // Past half of the cookie's 30 days, a visit renews it for 30 more.
        clock.Advance(TimeSpan.FromDays(20));
        var renewal = await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(11));
        await alan.SignUpAsync("alan");

        Assert.Equal(HttpStatusCode.OK, renewal.StatusCode);
        Assert.Contains(renewal.Headers.GetValues("Set-Cookie"), c => c.StartsWith("paperboy.auth=", StringComparison.Ordinal));
        Assert.Equal(2L, SessionCount(site));
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_browsers_sessions_too()
    {
        using (var signUp = _site.NewBrowser())
        {
            await signUp.SignUpAsync("ada");
        }

        using var laptop = _site.NewBrowser();
        using var phone = _site.NewBrowser();
        using var alan = _site.NewBrowser();
        await laptop.SignInAsync("ada");
        await phone.SignInAsync("ada");
        await alan.SignUpAsync("alan");

        var everywhere = await laptop.PostFormAsync("/account", "/account?handler=SignOutEverywhere");

        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alan.Http.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_shown_once_listed_by_name_and_revoked_by_their_owner_only()
    {
        using var ada = _site.NewBrowser();
        using var alan = _site.NewBrowser();
        await ada.SignUpAsync("ada");
        await alan.SignUpAsync("alan");

        var secret = await ada.CreateTokenAsync("laptop script");
        var page = await ada.Http.GetStringAsync("/account", TestContext.Current.CancellationToken);
        var tokenId = _site.Service<Paperboy.Accounts.IAccountStore>().ListApiTokens(1).Single().Id;
        var foreign = await alan.PostFormAsync("/account", "/account?handler=Revoke", ("tokenId", $"{tokenId}"));

        Assert.Contains("laptop script", page);
        Assert.DoesNotContain(secret, page);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Single(_site.Service<Paperboy.Accounts.IAccountStore>().ListApiTokens(1));
        var revoked = await ada.PostFormAsync("/account", "/account?handler=Revoke", ("tokenId", $"{tokenId}"));
        Assert.Contains("Token revoked", await revoked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(_site.Service<Paperboy.Accounts.IAccountStore>().ListApiTokens(1));
    }

    [Fact]
    public async Task A_token_needs_a_name()
    {
        using var ada = _site.NewBrowser();
        await ada.SignUpAsync("ada");

        var response = await ada.PostFormAsync("/account", "/account?handler=Create", ("TokenName", " "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token name is required", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static long SessionCount(AccountsSite site)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(site.DataDirectory, "paperboy.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM user_sessions";
        return (long)command.ExecuteScalar()!;
    }
}
