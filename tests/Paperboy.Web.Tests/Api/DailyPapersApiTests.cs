using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Api;

public sealed class DailyPapersApiTests(SharedSite shared)
{
    private readonly HttpClient _client = shared.Client;

    [Fact]
    public async Task Without_a_period_it_lists_the_newest_day_in_hugging_face_shapes()
    {
        var list = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers", TestContext.Current.CancellationToken));

        Assert.Equal(["2611.00001", "2611.00002", "2611.00003", "2611.00004", "2611.00005"], ApiAssert.PaperIds(list));
        var first = list[0];
        Assert.Equal("Diffusion models for protein folding", first.GetProperty("title").GetString());
        Assert.Equal("2026-11-27T00:00:00+00:00", first.GetProperty("publishedAt").GetString());
        var paper = first.GetProperty("paper");
        Assert.Equal(12, paper.GetProperty("upvotes").GetInt32());
        Assert.Equal("Ada Lovelace", paper.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.StartsWith("We train denoising diffusion", paper.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://arxiv.org/pdf/2611.00001", paper.GetProperty("pdfUrl").GetString());
    }

    [Fact]
    public async Task Pages_are_counted_from_zero()
    {
        var list = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers?date=2026-11-27&p=1&limit=2", TestContext.Current.CancellationToken));

        Assert.Equal(["2611.00003", "2611.00004"], ApiAssert.PaperIds(list));
    }

    [Fact]
    public async Task A_week_sorted_by_trending_puts_the_best_score_first_and_gives_it()
    {
        var list = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers?week=2026-W48&sort=trending&limit=3", TestContext.Current.CancellationToken));

        Assert.Equal(["2611.00002", "2611.00001", "2611.00011"], ApiAssert.PaperIds(list));
        Assert.Equal(40 / Math.Pow(26, 1.5), list[0].GetProperty("trendingScore").GetDouble(), 9);
    }

    [Fact]
    public async Task A_month_or_a_period_without_papers_is_a_list_possibly_empty()
    {
        var month = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers?month=2026-10", TestContext.Current.CancellationToken));
        var empty = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers?date=2020-01-01", TestContext.Current.CancellationToken));
        var lastWeek = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers?week=9999-W52&sort=trending", TestContext.Current.CancellationToken));
        var lastMonth = await ApiAssert.Json(await _client.GetAsync("/api/daily_papers?month=9999-12", TestContext.Current.CancellationToken));

        Assert.Equal(5, month.GetArrayLength());
        Assert.Equal(0, empty.GetArrayLength());
        Assert.Equal(0, lastWeek.GetArrayLength());
        Assert.Equal(0, lastMonth.GetArrayLength());
    }

    [Theory]
    [InlineData("date=2026-02-30", "date")]
    [InlineData("date=27/11/2026", "date")]
    [InlineData("week=2026-W54", "week")]
    [InlineData("week=2026-48", "week")]
    [InlineData("month=2026-13", "month")]
    [InlineData("date=2026-11-27&week=2026-W48", "week")]
    [InlineData("sort=votes", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("p=-1", "p")]
    [InlineData("p=99999999999", "p")]
    public async Task Bad_parameters_are_a_400_problem_naming_them(string query, string parameter) =>
        await ApiAssert.BadParameter(await _client.GetAsync($"/api/daily_papers?{query}", TestContext.Current.CancellationToken), parameter);
}
