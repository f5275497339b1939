using System.Net;
using Paperboy.Harvest;
using Paperboy.Ingest;

namespace Paperboy.Tests.Harvest;

public sealed class ArxivHarvesterTests
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Pages_through_resumption_tokens_keeping_the_category_politely()
    {
        using var server = new FakeOaiServer(FakeReply.Page("oai-listrecords-arxiv.xml"), FakeReply.Page("oai-listrecords-arxiv-last.xml"));
        using var harvester = new ArxivHarvester(Options(server));
        var progress = new ProgressLog();

        var entries = await ToListAsync(harvester.HarvestAsync("cs.CL", new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 7), progress, TestContext.Current.CancellationToken));

        Assert.Equal(["2302.08150", "2311.12882", "2402.00838"], entries.Select(entry => entry.Record!.ArxivId));
        Assert.Equal(["arxiv-oai"], entries.Select(entry => entry.Record!.Source).Distinct());
        var requests = server.Received;
        Assert.Equal(
            ["?verb=ListRecords&metadataPrefix=arXiv&set=cs&from=2026-04-06&until=2026-04-07", "?verb=ListRecords&resumptionToken=6960524%7C1001"],
            requests.Select(request => request.RawQuery));
        Assert.Equal("6960524|1001", requests[1].Query["resumptionToken"]);
        Assert.All(requests, request => Assert.Equal("Paperboy-tests/1.0 (mailto:tests@example.org)", request.UserAgent));
        Assert.All(server.Gaps(), gap => Assert.True(gap >= _interval, $"requests {gap.TotalMilliseconds} ms apart, interval {_interval.TotalMilliseconds} ms"));
        Assert.Equal(
            [new HarvestProgress(1, 3, 2, "6960524|1001", 5, 0), new HarvestProgress(2, 5, 3, "", 5, 0)],
            progress.Reports);
    }

    [Fact]
    public async Task Waits_as_a_503_retry_after_says_then_goes_on()
    {
        using var server = new FakeOaiServer(
            new FakeReply(503, "Retry after 1 second", default, ("Retry-After", "1")),
            FakeReply.Page("oai-no-records.xml"));
        var retries = new List<HarvestRetry>();
        using var harvester = new ArxivHarvester(Options(server) with { Retrying = retries.Add });
        var progress = new ProgressLog();

        var entries = await ToListAsync(harvester.HarvestAsync("hep-th", new DateOnly(2026, 4, 8), progress: progress, cancellation: TestContext.Current.CancellationToken));

        Assert.Empty(entries);
        Assert.Equal(2, server.Received.Count);
        var retry = Assert.Single(retries);
        Assert.Equal((TimeSpan.FromSeconds(1), 2), (retry.Wait, retry.NextAttempt));
        Assert.Contains("503", retry.Problem, StringComparison.Ordinal);
        Assert.All(server.Received, request => Assert.Equal("?verb=ListRecords&metadataPrefix=arXiv&set=physics%3Ahep-th&from=2026-04-08", request.RawQuery));
        var gap = Assert.Single(server.Gaps());
        Assert.True(gap >= TimeSpan.FromSeconds(1), $"retried {gap.TotalMilliseconds} ms after a Retry-After of 1 s");
        Assert.Equal(new HarvestProgress(1, 0, 0, null, null, 1), Assert.Single(progress.Reports));
    }

    [Fact]
    public async Task Abandons_a_slow_reply_at_the_timeout_and_retries()
    {
        using var server = new FakeOaiServer(
            FakeReply.Page("oai-listrecords-arxiv-last.xml") with { Delay = TimeSpan.FromSeconds(5) },
            FakeReply.Page("oai-listrecords-arxiv-last.xml"));
        var options = Options(server) with { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        using var harvester = new ArxivHarvester(options);

        var entries = await ToListAsync(harvester.HarvestAsync("cs", new DateOnly(2026, 4, 7), cancellation: TestContext.Current.CancellationToken));

        Assert.Equal(["2401.04577", "2402.00838"], entries.Select(entry => entry.Record!.ArxivId));
        // Had the client waited for the stalled reply (a full page), it would have sent one request, not two.
        Assert.Equal(2, server.Received.Count);
        var gap = Assert.Single(server.Gaps());
        Assert.True(gap >= _interval, $"retried {gap.TotalMilliseconds} ms after the first request");
    }

    [Fact]
    public async Task Fails_naming_url_and_status_after_the_last_attempt()
    {
        using var server = new FakeOaiServer(
            new FakeReply(500, "boom"), new FakeReply(500, "boom"), new FakeReply(500, "boom"));
        using var harvester = new ArxivHarvester(Options(server) with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<HarvestException>(() => ToListAsync(harvester.HarvestAsync("math.AG", new DateOnly(2026, 4, 6), cancellation: TestContext.Current.CancellationToken)));

        var url = new Uri(server.BaseAddress, "?verb=ListRecords&metadataPrefix=arXiv&set=math&from=2026-04-06");
        Assert.Equal(url, error.Url);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal($"{url}: gave up after 3 attempts; last: HTTP 500 Internal Server Error", error.Message);
        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Gaps(), gap => Assert.True(gap >= _interval, $"requests {gap.TotalMilliseconds} ms apart"));
    }

    [Fact]
    public async Task Does_not_retry_a_client_error()
    {
        using var server = new FakeOaiServer(new FakeReply(404, "not here"));
        using var harvester = new ArxivHarvester(Options(server));

        var error = await Assert.ThrowsAsync<HarvestException>(() => ToListAsync(harvester.HarvestAsync("cs.LG", new DateOnly(2026, 4, 6), cancellation: TestContext.Current.CancellationToken)));

        Assert.EndsWith(": HTTP 404 Not Found (not retried)", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Fails_rather_than_wait_longer_than_allowed()
    {
        using var server = new FakeOaiServer(new FakeReply(503, "busy", default, ("Retry-After", "3600")));
        using var harvester = new ArxivHarvester(Options(server) with { MaxRetryDelay = TimeSpan.FromSeconds(60) });

        var error = await Assert.ThrowsAsync<HarvestException>(() => ToListAsync(harvester.HarvestAsync("cs.LG", new DateOnly(2026, 4, 6), cancellation: TestContext.Current.CancellationToken)));

        Assert.EndsWith(": HTTP 503 Service Unavailable, and the server asks to wait 3600 s, more than the 60 s allowed", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Reports_an_oai_error_page_with_the_url_that_returned_it()
    {
        using var server = new FakeOaiServer(FakeReply.Page("oai-listrecords-arxiv.xml"), FakeReply.Page("oai-bad-resumption-token.xml"));
        using var harvester = new ArxivHarvester(Options(server));

        var error = await Assert.ThrowsAsync<InputException>(() => ToListAsync(harvester.HarvestAsync("cs", new DateOnly(2026, 4, 6), cancellation: TestContext.Current.CancellationToken)));

        Assert.Equal($"{new Uri(server.BaseAddress, "?verb=ListRecords&resumptionToken=6960524%7C1001")}:5", error.Origin);
        Assert.StartsWith("OAI-PMH error badResumptionToken: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_when_the_repository_repeats_its_resumption_token()
    {
        using var server = new FakeOaiServer(FakeReply.Page("oai-listrecords-arxiv.xml"), FakeReply.Page("oai-listrecords-arxiv.xml"));
        using var harvester = new ArxivHarvester(Options(server));

        var error = await Assert.ThrowsAsync<InputException>(() => ToListAsync(harvester.HarvestAsync("cs", new DateOnly(2026, 4, 6), cancellation: TestContext.Current.CancellationToken)));

        Assert.Equal(new Uri(server.BaseAddress, "?verb=ListRecords&resumptionToken=6960524%7C1001").ToString(), error.Origin);
        Assert.Equal("the repository returned resumption token '6960524|1001' twice in a row; stopping the harvest", error.Reason);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public void Rejects_an_unknown_category_at_the_call()
    {
        using var harvester = new ArxivHarvester(new ArxivHarvestOptions());

        var error = Assert.Throws<ArgumentException>(() => harvester.HarvestAsync("biology.XX", new DateOnly(2026, 4, 6), cancellation: TestContext.Current.CancellationToken));

        Assert.Equal("category", error.ParamName);
        Assert.StartsWith("'biology.XX' is not an arXiv category or archive", error.Message, StringComparison.Ordinal);
    }

    private static ArxivHarvestOptions Options(FakeOaiServer server) => new()
    {
        BaseAddress = server.BaseAddress,
        RequestInterval = _interval,
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        UserAgent = "Paperboy-tests/1.0 (mailto:tests@example.org)",
    };

    private static async Task<List<SourceEntry>> ToListAsync(IAsyncEnumerable<SourceEntry> entries)
    {
        var list = new List<SourceEntry>();
        await foreach (var entry in entries)
        {
            list.Add(entry);
        }

        return list;
    }

    /// <summary>Records reports synchronously, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class ProgressLog : IProgress<HarvestProgress>
    {
        public List<HarvestProgress> Reports { get; } = [];

        public void Report(HarvestProgress value) => Reports.Add(value);
    }
}
