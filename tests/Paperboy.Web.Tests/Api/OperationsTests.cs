using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Api;

public sealed class OperationsTests(SharedSite shared)
{
    [Fact]
    public async Task Health_reports_the_store_and_how_far_behind_the_indexes_are()
    {
        var health = await ApiAssert.Json(await shared.Client.GetAsync("/healthz", TestContext.Current.CancellationToken));

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(15, health.GetProperty("papers").GetInt64());
        Assert.Equal(health.GetProperty("storeSequence").GetInt64(), health.GetProperty("keywordSequence").GetInt64());
        Assert.Equal(0, health.GetProperty("keywordLag").GetInt64());
        Assert.Equal(0, health.GetProperty("embeddingBacklog").GetInt64());
        Assert.Equal(health.GetProperty("storeSequence").GetInt64(), health.GetProperty("embeddingSequence").GetInt64());
    }

    [Fact]
    public async Task Papers_imported_since_the_embedder_counted_its_backlog_show_as_a_count_behind_the_store()
    {
        await using var site = await TestSite.StartAsync(settings: "FollowIntervalSeconds=3600");
        using (var store = Paperboy.Store.Sqlite.SqlitePaperStore.Open(site.DataDirectory))
        {
            store.Merge([new Paperboy.Papers.PaperRecord { Source = "test", Origin = "test:1", ArxivId = "2611.09999", Title = "Imported after the count" }]);
        }

        var health = await ApiAssert.Json(await site.Client.GetAsync("/healthz", TestContext.Current.CancellationToken));

        Assert.Equal(0, health.GetProperty("embeddingBacklog").GetInt64());
        Assert.True(health.GetProperty("embeddingSequence").GetInt64() < health.GetProperty("storeSequence").GetInt64(), health.ToString());
    }

    [Fact]
    public async Task Health_answers_head_requests_for_uptime_checkers()
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, "/healthz");

        var response = await shared.Client.SendAsync(head, TestContext.Current.CancellationToken);

        // Kestrel leaves out the body of a HEAD answer; the in-process test server does not, so only the status is checked.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_requests_latency_and_index_gauges()
    {
        await shared.Client.GetAsync("/", TestContext.Current.CancellationToken);

        var response = await shared.Client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\npaperboy_keyword_index_lag 0", text);
        Assert.Contains("\npaperboy_embedding_backlog 0", text);
        Assert.Contains("\npaperboy_papers 15", text);
        Assert.Contains("\npaperboy_searches_waiting 0", text);
        Assert.Contains("http_requests_received_total{", text);
        Assert.Contains("http_request_duration_seconds_bucket{", text);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/papers/2401.00001")]
    [InlineData("/feeds/daily")]
    [InlineData("/api/daily_papers")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await shared.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task The_api_reference_may_run_its_own_inline_script_but_not_be_framed()
    {
        var response = await shared.Client.GetAsync("/api/docs/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<script", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Made_up_request_methods_get_501_and_add_nothing_to_the_metrics()
    {
        await using var site = await TestSite.StartAsync();

        var answers = new List<HttpStatusCode>();
        foreach (var method in new[] { "M00001", "M00002", "get" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/papers/2401.00001");
            answers.Add((await site.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        var metrics = await site.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var methods = System.Text.RegularExpressions.Regex.Matches(metrics, "method=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotImplemented, status));
        Assert.Equal(["GET"], methods);
    }

    [Fact]
    public async Task A_request_that_throws_is_a_counted_500_with_a_page_or_problem_details()
    {
        await using var site = await TestSite.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(new BrokenClock()));

        var page = await site.Client.GetAsync("/trending", TestContext.Current.CancellationToken);
        var problem = await ApiAssert.Problem(
            await site.Client.GetAsync("/api/daily_papers?sort=trending", TestContext.Current.CancellationToken), HttpStatusCode.InternalServerError);
        var metrics = await site.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("<h1>Something went wrong</h1>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Contains("code=\"500\"", metrics);
        Assert.DoesNotContain(metrics.Split('\n'), line => line.StartsWith("http_requests_received_total{", StringComparison.Ordinal)
            && line.Contains("trending", StringComparison.Ordinal) && line.Contains("code=\"200\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_keyword_index_damaged_while_serving_answers_503_and_is_rebuilt_from_the_store()
    {
        await using var site = await TestSite.StartAsync();
        const string Search = "/api/papers/search?q=%22diffusion%20models%22";
        var before = await site.Client.GetStringAsync(Search, TestContext.Current.CancellationToken);

        // The server reads the index's files mapped into memory, so bytes written over them now are what it reads next.
        foreach (var file in Directory.GetFiles(Path.Combine(site.DataDirectory, "index", "keyword"), "*.cfs"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.Position = stream.Length / 5;
            stream.Write(Enumerable.Repeat((byte)0xFF, (int)(stream.Length * 3 / 5)).ToArray());
        }

        var damaged = await site.Client.GetAsync(Search, TestContext.Current.CancellationToken);
        var problem = await ApiAssert.Problem(damaged, HttpStatusCode.ServiceUnavailable);
        var after = await RetryWhileUnavailableAsync(site, Search);

        Assert.Equal("10", Header(damaged, "Retry-After"));
        Assert.Contains("being rebuilt from the store", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("2611.00001", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    /// <summary>The body of <paramref name="path"/> once it stops answering 503 (within a minute).</summary>
    private static async Task<string> RetryWhileUnavailableAsync(TestSite site, string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var response = await site.Client.GetAsync(path, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : []);

    /// <summary>A clock that fails, so that every request reading the time throws.</summary>
    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("the test's clock is broken");
    }
}
