using Paperboy.Accounts;
using Paperboy.Ingest;
using Paperboy.Store.Sqlite;
using Paperboy.Submissions;
using Paperboy.Tests.Harvest;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Submissions;

public sealed class PaperSubmissionsTests : IDisposable
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(200);
    private static readonly DateTimeOffset _now = new(2026, 11, 29, 23, 30, 0, TimeSpan.FromHours(-2));

    private readonly TempDirectory _directory = new();
    private readonly SqlitePaperStore _store;
    private readonly User _ada;
    private readonly User _alan;

    public PaperSubmissionsTests()
    {
        _store = SqlitePaperStore.Open(_directory.Path);
        _ada = _store.CreateUser("ada", "ada@example.org", "h", _now).User!;
        _alan = _store.CreateUser("alan", "alan@example.org", "h", _now).User!;
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_url_is_fetched_from_the_arxiv_api_merged_and_listed_on_the_utc_day()
    {
        using var server = new FakeOaiServer(FakeReply.Page("atom-query.xml"));
        using var arxiv = new ArxivApiClient(Options(server));

        var outcome = await Submissions(arxiv).SubmitAsync("https://arxiv.org/pdf/2212.09525v1", _ada.Id, TestContext.Current.CancellationToken);

        Assert.Equal("?id_list=2212.09525&max_results=1", Assert.Single(server.Received).RawQuery);
        Assert.Equal("Paperboy-tests/1.0 (mailto:tests@example.org)", server.Received[0].UserAgent);
        Assert.True(outcome.Fetched);
        Assert.False(outcome.AlreadySubmitted);
        Assert.StartsWith("FreeEnricher: Enriching Face Landmarks", _store.Find("2212.09525")!.Title, StringComparison.Ordinal);
        Assert.Equal("arxiv-atom", _store.Find("2212.09525")!.Sources["title"]);
        var day = new DateOnly(2026, 11, 30);
        Assert.Equal(new Submission("2212.09525", _ada.Id, "ada", day, _now), outcome.Submission);
        Assert.Equal(["2212.09525"], _store.ListSubmitted(SubmissionQuery.On(day)).Select(s => s.Paper.Id));
        Assert.Equal((day, "submission"), (outcome.Paper.Listed, outcome.Paper.Sources["listed"]));
        Assert.Equal(new DateOnly(2022, 12, 19), outcome.Paper.Published);
    }

    [Fact]
    public async Task A_paper_already_submitted_keeps_its_first_submitter_and_asks_arxiv_nothing()
    {
        using var server = new FakeOaiServer(FakeReply.Page("atom-query.xml"));
        using var arxiv = new ArxivApiClient(Options(server));
        var submissions = Submissions(arxiv);
        await submissions.SubmitAsync("2212.09525", _ada.Id, TestContext.Current.CancellationToken);

        var again = await submissions.SubmitAsync("arXiv:2212.09525v2", _alan.Id, TestContext.Current.CancellationToken);

        Assert.Single(server.Received);
        Assert.Equal((false, true, "ada"), (again.Fetched, again.AlreadySubmitted, again.Submission.UserName));
    }

    [Fact]
    public async Task A_paper_the_store_holds_is_submitted_without_a_request()
    {
        _store.Merge([Records.Arxiv("2401.00001", listed: new DateOnly(2026, 1, 5))]);
        using var server = new FakeOaiServer();
        using var arxiv = new ArxivApiClient(Options(server));

        var outcome = await Submissions(arxiv).SubmitAsync("2401.00001", _alan.Id, TestContext.Current.CancellationToken);

        Assert.Empty(server.Received);
        Assert.Equal(("alan", false), (outcome.Submission.UserName, outcome.Fetched));
        Assert.Equal(new DateOnly(2026, 1, 5), outcome.Paper.Listed);
    }

    [Fact]
    public async Task An_id_arxiv_does_not_know_is_a_clear_message_and_stores_nothing()
    {
        using var server = new FakeOaiServer(FakeReply.Page("atom-empty.xml"));
        using var arxiv = new ArxivApiClient(Options(server));

        var failure = await Assert.ThrowsAsync<SubmissionException>(() => Submissions(arxiv).SubmitAsync("2212.99999", _ada.Id, TestContext.Current.CancellationToken));

        Assert.Equal(SubmissionProblem.UnknownId, failure.Problem);
        Assert.StartsWith("arXiv has no paper with id 2212.99999; check the id", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _store.Statistics().Papers);
    }

    [Fact]
    public async Task An_id_the_api_rejects_reports_arxivs_reason()
    {
        using var server = new FakeOaiServer(FakeReply.Page("atom-api-error.xml"));
        using var arxiv = new ArxivApiClient(Options(server));

        var failure = await Assert.ThrowsAsync<SubmissionException>(() => arxiv.FetchAsync("1234.12345", TestContext.Current.CancellationToken));

        Assert.Equal("arXiv rejects the id 1234.12345: incorrect id format for 1234.12345", failure.Message);
    }

    [Fact]
    public async Task A_malformed_id_is_refused_before_any_request()
    {
        using var server = new FakeOaiServer();
        using var arxiv = new ArxivApiClient(Options(server));

        var failure = await Assert.ThrowsAsync<SubmissionException>(() => Submissions(arxiv).SubmitAsync("not-an-id", _ada.Id, TestContext.Current.CancellationToken));

        Assert.Equal(SubmissionProblem.MalformedId, failure.Problem);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Waits_as_retry_after_says_and_keeps_concurrent_submissions_one_at_a_time()
    {
        using var server = new FakeOaiServer(
            new FakeReply(503, "busy", default, ("Retry-After", "1")),
            new FakeReply(200, Feed("2401.00001", "First")),
            new FakeReply(200, Feed("2401.00002", "Second")) with { Delay = TimeSpan.FromMilliseconds(100) },
            new FakeReply(200, Feed("2401.00003", "Third")));
        using var arxiv = new ArxivApiClient(Options(server));
        var cancellation = TestContext.Current.CancellationToken;

        var first = await arxiv.FetchAsync("2401.00001", cancellation);
        var rest = await Task.WhenAll(arxiv.FetchAsync("2401.00002", cancellation), arxiv.FetchAsync("2401.00003", cancellation));

        Assert.Equal("First", first!.Title);
        Assert.Equal(["Second", "Third"], rest.Select(r => r!.Title).Order());
        var gaps = server.Gaps();
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(1), $"retried {gaps[0].TotalMilliseconds} ms after a Retry-After of 1 s");
        Assert.All(gaps, gap => Assert.True(gap >= _interval, $"requests {gap.TotalMilliseconds} ms apart, interval {_interval.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task A_reply_about_another_paper_is_an_input_error()
    {
        using var server = new FakeOaiServer(new FakeReply(200, Feed("2401.00002", "Other")));
        using var arxiv = new ArxivApiClient(Options(server));

        var failure = await Assert.ThrowsAsync<InputException>(() => arxiv.FetchAsync("2401.00001", TestContext.Current.CancellationToken));

        Assert.EndsWith("asked arXiv for 2401.00001 and got 2401.00002", failure.Message, StringComparison.Ordinal);
    }

    private PaperSubmissions Submissions(ArxivApiClient arxiv) => new(_store, _store, arxiv, new FixedClock(_now));

    private static ArxivApiOptions Options(FakeOaiServer server) => new()
    {
        BaseAddress = server.BaseAddress,
        RequestInterval = _interval,
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        UserAgent = "Paperboy-tests/1.0 (mailto:tests@example.org)",
    };

    private static string Feed(string id, string title) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <entry>
            <id>http://arxiv.org/abs/{id}v1</id>
            <title>{title}</title>
            <summary>An abstract.</summary>
            <published>2024-01-02T00:00:00Z</published>
            <updated>2024-01-02T00:00:00Z</updated>
            <author><name>Ada Lovelace</name></author>
            <arxiv:primary_category term="cs.LG"/>
          </entry>
        </feed>
        """;

    /// <summary>A clock whose wall time stands still (pacing still runs on the real monotonic clock).</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
