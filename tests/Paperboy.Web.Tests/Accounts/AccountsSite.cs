using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Papers;
using Paperboy.Store.Sqlite;

namespace Paperboy.Web.Tests.Accounts;

/// <summary>The whole site in process over a fresh data directory of a few papers, with browsers (cookie jars) that sign up and post forms.</summary>
public sealed partial class AccountsSite : IAsyncDisposable
{
    public const string FirstPaper = "2401.00001";
    public const string SecondPaper = "2401.00002";
    public const string OldStylePaper = "hep-th/9901001";

    private readonly string _data;
    private readonly WebApplication _app;

    private AccountsSite(WebApplication app, string data)
    {
        _app = app;
        _data = data;
    }

    public static readonly DateOnly Day = new(2026, 11, 27);

    /// <summary>Starts the site; <paramref name="settings"/> are extra <c>--Key=value</c> configuration arguments.</summary>
    public static Task<AccountsSite> StartAsync(params string[] settings) => StartAsync(TimeProvider.System, settings);

    /// <summary>Starts the site on <paramref name="clock"/>'s time.</summary>
    public static async Task<AccountsSite> StartAsync(TimeProvider clock, params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "paperboy-web-tests", Guid.NewGuid().ToString("N"));
        using (var store = SqlitePaperStore.Open(data))
        {
            store.Merge([Paper(FirstPaper, "Attention over papers", 3), Paper(SecondPaper, "Graphs of citations", 1), Paper(OldStylePaper, "Strings in old style", 0)]);
        }

        var app = PaperboyWebHost.Build(new PaperboyWebSettings
        {
            DataDirectory = data,
            Arguments = ["--Paperboy:ImportDemoWhenEmpty=false", "--Paperboy:Embedders=none", "--Paperboy:FollowIntervalSeconds=3600", .. settings],
        }, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton(clock);
        });
        await app.StartAsync();
        return new AccountsSite(app, data);
    }

    public string DataDirectory => _data;

    /// <summary>A client with its own cookie jar, like one person's browser; redirects are not followed, so tests see them.</summary>
    public Browser NewBrowser()
    {
        var cookies = new CookieContainerHandler { InnerHandler = _app.GetTestServer().CreateHandler() };
        return new Browser(new HttpClient(cookies) { BaseAddress = new Uri("http://localhost") }, cookies.Container);
    }

    public T Service<T>()
        where T : notnull => (T)_app.Services.GetService(typeof(T))!;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static PaperRecord Paper(string id, string title, int upvotes) => new()
    {
        Source = "test",
        Origin = "test:1",
        ArxivId = id,
        Title = title,
        Abstract = $"An abstract about {title.ToLowerInvariant()}.",
        Authors = ["Ada Lovelace"],
        Categories = ["cs.LG"],
        Listed = Day,
        Published = Day,
        Upvotes = upvotes,
    };

    /// <summary>One person's browser: an HTTP client with cookies, which fills in forms' antiforgery tokens.</summary>
    public sealed partial class Browser(HttpClient http, CookieContainer cookies) : IDisposable
    {
        public HttpClient Http => http;

        /// <summary>The sign-in cookie as a <c>Cookie</c> header would send it, for a test to replay from another client.</summary>
        public string SignInCookie() => cookies.GetCookies(new Uri("http://localhost"))["paperboy.auth"] is { } cookie
            ? $"{cookie.Name}={cookie.Value}"
            : throw new InvalidOperationException("this browser has no sign-in cookie");

        /// <summary>The antiforgery token of the first form on <paramref name="page"/> (fetching it also sets the antiforgery cookie).</summary>
        public async Task<string> AntiforgeryTokenAsync(string page)
        {
            var html = await http.GetStringAsync(page, TestContext.Current.CancellationToken);
            return TokenPattern().Match(html) is { Success: true } match
                ? WebUtility.HtmlDecode(match.Groups[1].Value)
                : throw new InvalidOperationException($"{page} has no form with an antiforgery token");
        }

        /// <summary>Posts a form the way the page at <paramref name="page"/> would, its antiforgery token included.</summary>
        public async Task<HttpResponseMessage> PostFormAsync(string page, string action, params (string Name, string Value)[] fields)
        {
            var token = await AntiforgeryTokenAsync(page);
            return await http.PostAsync(action, new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        }

        public async Task<HttpResponseMessage> SignUpAsync(string name, string password = "correct horse battery") =>
            await PostFormAsync("/account/sign-up", "/account/sign-up", ("UserName", name), ("Email", $"{name}@example.org"), ("Password", password));

        public async Task<HttpResponseMessage> SignInAsync(string name, string password = "correct horse battery") =>
            await PostFormAsync("/account/sign-in", "/account/sign-in", ("NameOrEmail", name), ("Password", password));

        /// <summary>Creates an API token on the account page and reads its secret off the page.</summary>
        public async Task<string> CreateTokenAsync(string name)
        {
            var response = await PostFormAsync("/account", "/account?handler=Create", ("TokenName", name));
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return SecretPattern().Match(html) is { Success: true } match
                ? match.Groups[1].Value
                : throw new InvalidOperationException($"the account page showed no new token ({(int)response.StatusCode})");
        }

        public static async Task<T> JsonAsync<T>(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<T>(TestContext.Current.CancellationToken))!;

        public void Dispose() => http.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        [GeneratedRegex("<pre id=\"new-token-secret\">(pbt_[A-Za-z0-9_-]+)</pre>")]
        private static partial Regex SecretPattern();
    }
}
