using System.Net.Http.Json;
using System.Text.Json;
using Paperboy.Web.Tests.Browser;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Serve;

/// <summary><c>paperboy serve</c> as a process: first start on an empty store, graceful stop, restart from the checkpoints.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_first_start_imports_the_demo_corpus_a_sigterm_stops_cleanly_and_a_restart_resumes_indexed()
    {
        using var data = new TempDirectory();
        var cancel = TestContext.Current.CancellationToken;

        var first = await ServeProcess.StartAsync(data.Path);
        long papers;
        await using (first)
        {
            using var client = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
            var health = await client.GetFromJsonAsync<JsonElement>("/healthz", cancel);
            papers = health.GetProperty("papers").GetInt64();
            Assert.True(papers > 1000, $"the demo corpus was not imported: {health}");
            Assert.Contains("imported the demo corpus", first.Log);

            Assert.Equal(0, await first.TerminateAsync());
            Assert.Contains("Application is shutting down", first.Log);
        }

        await using var second = await ServeProcess.StartAsync(data.Path);
        using var again = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        var resumed = await again.GetFromJsonAsync<JsonElement>("/healthz", cancel);

        Assert.Equal(papers, resumed.GetProperty("papers").GetInt64());
        Assert.DoesNotContain("imported the demo corpus", second.Log);
        Assert.DoesNotContain("Keyword index applied", second.Log);
        Assert.DoesNotContain("Embedded ", second.Log);
    }

    [Fact]
    public async Task A_first_start_killed_before_the_demo_vectors_were_saved_saves_them_at_the_next_start()
    {
        using var data = new TempDirectory();
        using (var store = Paperboy.Store.Sqlite.SqlitePaperStore.Open(data.Path))
        {
            // What a start killed after the demo import and before its vectors leaves behind.
            new Paperboy.Ingest.PaperImporter(store, new Paperboy.Ingest.ImportOptions()).Import([Paperboy.Demo.DemoCorpus.Input()], cancellation: TestContext.Current.CancellationToken);
        }

        File.WriteAllText(Path.Combine(data.Path, Paperboy.Web.Library.PaperLibrary.DemoLoadingMarker), "");

        await using var server = await ServeProcess.StartAsync(data.Path);

        Assert.False(File.Exists(Path.Combine(data.Path, Paperboy.Web.Library.PaperLibrary.DemoLoadingMarker)));
        using var scratch = new TempDirectory();
        using (var empty = Paperboy.Store.Sqlite.SqlitePaperStore.Open(scratch.Path))
        using (var store = Paperboy.Store.Sqlite.SqlitePaperStore.Open(data.Path))
        {
            // The shipped vectors' model, read from the demo's vector file by seeding a store that holds none of its papers.
            var shipped = Paperboy.Demo.DemoCorpus.SeedVectors(empty)[0].Model;
            Assert.Equal(store.Head().Papers, store.CountEmbeddings(shipped));
        }
    }

    [Fact]
    public async Task A_store_filled_after_a_killed_first_start_does_not_get_the_demo_corpus_too()
    {
        using var data = new TempDirectory();
        File.WriteAllText(Path.Combine(data.Path, Paperboy.Web.Library.PaperLibrary.DemoLoadingMarker), "");
        using (var store = Paperboy.Store.Sqlite.SqlitePaperStore.Open(data.Path))
        {
            // A start killed before the demo import committed, then papers imported from the command line.
            store.Merge([new Paperboy.Papers.PaperRecord { Source = "test", Origin = "test:1", ArxivId = "2401.00001", Title = "Attention over papers" }]);
        }

        await using var server = await ServeProcess.StartAsync(data.Path);

        Assert.DoesNotContain("imported the demo corpus", server.Log);
        Assert.False(File.Exists(Path.Combine(data.Path, Paperboy.Web.Library.PaperLibrary.DemoLoadingMarker)));
        using var store2 = Paperboy.Store.Sqlite.SqlitePaperStore.Open(data.Path);
        Assert.Equal(1, store2.Head().Papers);
    }
}
