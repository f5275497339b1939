using System.Net;
using Paperboy.Web.Tests.Support;
using Paperboy.Web.Trending;

namespace Paperboy.Web.Tests.Site;

public sealed class TrendingPageTests(SharedSite shared)
{
    [Fact]
    public async Task Trending_ranks_by_decayed_upvotes_and_explains_each_score()
    {
        var html = WebUtility.HtmlDecode(await shared.Client.GetStringAsync("/trending", TestContext.Current.CancellationToken));

        // One day after the newest listing: 40 and 12 votes a day old beat 25 votes three days old.
        Assert.Equal(["2611.00002", "2611.00001", "2611.00011"], Html.PaperIds(html));
        Assert.Contains("40 upvotes / (24 h + 2)^1.5 = 0.3017", html);
        Assert.Contains("25 upvotes / (72 h + 2)^1.5 = 0.03927", html);
        Assert.Contains("href=\"/trending?p=2\"", html);
        Assert.Contains("href=\"/feeds/trending\"", html);
    }

    [Fact]
    public void The_score_is_upvotes_over_age_plus_two_hours_to_the_power_one_and_a_half()
    {
        var paper = new Paperboy.Papers.Paper { Id = "2611.00001", Title = "T", Upvotes = 10, Listed = new DateOnly(2026, 11, 27) };

        var score = TrendingScore.Of(paper, new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero));

        Assert.Equal(7, score.AgeHours);
        Assert.Equal(10 / 27.0, score.Score, 12);
    }
}
