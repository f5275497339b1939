using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Papers;
using Paperboy.Web.Library;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

public sealed class CacheTests
{
    [Fact]
    public async Task Cached_pages_and_api_answers_change_as_soon_as_the_store_does()
    {
        await using var site = await TestSite.StartAsync();
        var cancel = TestContext.Current.CancellationToken;
        var library = site.App.Services.GetRequiredService<PaperLibrary>();
        var before = await site.Client.GetFromJsonAsync<JsonElement>("/api/papers/2611.00003", cancel);
        var page = await site.Client.GetStringAsync("/", cancel);

        library.Store.Merge([new PaperRecord { Source = "hf", Origin = "test:2", ArxivId = "2611.00003", Title = "Graph neural networks for molecules", Upvotes = 99, Listed = TestPapers.Newest }]);
        library.CatchUp(cancel);

        var after = await site.Client.GetFromJsonAsync<JsonElement>("/api/papers/2611.00003", cancel);
        Assert.Equal(3, before.GetProperty("upvotes").GetInt32());
        Assert.Equal(99, after.GetProperty("upvotes").GetInt32());
        Assert.Equal("2611.00002", Html.PaperIds(page)[0]);
        Assert.Equal("2611.00003", Html.PaperIds(await site.Client.GetStringAsync("/", cancel))[0]);
    }

    [Fact]
    public async Task Search_results_show_a_paper_as_the_store_has_it_once_the_indexer_applied_its_change()
    {
        await using var site = await TestSite.StartAsync();
        var cancel = TestContext.Current.CancellationToken;
        var library = site.App.Services.GetRequiredService<PaperLibrary>();
        async Task<int> ShownUpvotes() =>
            (await site.Client.GetFromJsonAsync<JsonElement>("/api/papers/search?q=graph+neural+networks&limit=5", cancel))
            .EnumerateArray().Single(r => r.GetProperty("paper").GetProperty("id").GetString() == "2611.00003")
            .GetProperty("paper").GetProperty("upvotes").GetInt32();
        var before = await ShownUpvotes();
        var again = await ShownUpvotes();

        library.Store.Merge([new PaperRecord { Source = "hf", Origin = "test:2", ArxivId = "2611.00003", Title = "Graph neural networks for molecules", Upvotes = 99, Listed = TestPapers.Newest }]);
        library.CatchUp(cancel);

        Assert.Equal((3, 3), (before, again));
        Assert.Equal(99, await ShownUpvotes());
    }
}
