using System.Net;
using Paperboy.Web.Search;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Search;

public sealed class SearchTurnsTests
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Searches_beyond_the_turns_wait_and_go_in_the_order_they_came()
    {
        using var turns = new SearchTurns(1);
        var first = await turns.TakeAsync(TestContext.Current.CancellationToken);
        var second = turns.TakeAsync(TestContext.Current.CancellationToken);
        var third = turns.TakeAsync(TestContext.Current.CancellationToken);

        Assert.False(second.IsCompleted);
        Assert.Equal(2, turns.Waiting);

        first.Dispose();
        var secondTurn = await second.WaitAsync(_patience, TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted);
        Assert.Equal(1, turns.Waiting);

        secondTurn.Dispose();
        (await third.WaitAsync(_patience, TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal(0, turns.Waiting);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_turn_and_a_turn_ends_once()
    {
        using var turns = new SearchTurns(1);
        var first = await turns.TakeAsync(TestContext.Current.CancellationToken);
        using var abort = new CancellationTokenSource();
        var abandoned = turns.TakeAsync(abort.Token);

        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(0, turns.Waiting);

        first.Dispose();
        first.Dispose();
        var next = turns.TakeAsync(TestContext.Current.CancellationToken);
        Assert.True(next.IsCompletedSuccessfully);
        Assert.False(turns.TakeAsync(TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public void At_least_one_search_must_be_able_to_run() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchTurns(0));

    [Fact]
    public async Task A_negative_setting_stops_the_site_from_starting_with_a_message_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSite.StartAsync(settings: "SearchesAtOnce=-1"));

        Assert.Contains("Paperboy:SearchesAtOnce is -1", error.Message);
    }

    [Fact]
    public async Task Searches_answer_with_one_turn()
    {
        await using var site = await TestSite.StartAsync(settings: "SearchesAtOnce=1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => site.Client.GetAsync("/api/papers/search?q=graph", TestContext.Current.CancellationToken)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
    }
}
