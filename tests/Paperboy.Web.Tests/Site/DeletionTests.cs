using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Search;
using Paperboy.Web.Admin;
using Paperboy.Web.Library;
using Paperboy.Web.Papers;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

/// <summary>A paper deleted by an admin leaves every index at once, the semantic legs included, without a restart.</summary>
public sealed class DeletionTests
{
    private const string Paper = "2611.00001";

    [Fact]
    public async Task A_deleted_paper_is_no_longer_found_by_meaning_nor_listed_as_related()
    {
        await using var site = await TestSite.StartAsync();
        var library = site.App.Services.GetRequiredService<PaperLibrary>();
        var paper = library.Store.Find(Paper)!;
        var deleted = library.Search.Related(paper, PaperViews.RelatedCount).Hits[0].Id;
        var deletedTitle = library.Store.Find(deleted)!.Title;
        Assert.Contains(deleted, SemanticIds(library, deletedTitle));

        Assert.True(site.App.Services.GetRequiredService<AdminActions>().Delete(deleted));

        Assert.All(library.Legs, leg => Assert.False(leg.Index.Contains(deleted)));
        Assert.DoesNotContain(deleted, SemanticIds(library, deletedTitle));
        Assert.DoesNotContain(deleted, library.Search.Related(paper, PaperViews.RelatedCount).Hits.Select(h => h.Id));
        var related = await site.Client.GetFromJsonAsync<JsonElement>($"/api/papers/{Paper}/related", TestContext.Current.CancellationToken);
        var relatedIds = related.EnumerateArray().Select(r => r.GetProperty("paper").GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(deleted, relatedIds);

        // 15 papers, less the one deleted and the paper itself, still fill the related list.
        Assert.Equal(PaperViews.RelatedCount, relatedIds.Count);
    }

    private static List<string> SemanticIds(PaperLibrary library, string text) =>
        [.. library.Search.Search(text, 20, SearchMode.Semantic).Hits.Select(h => h.Id)];
}
