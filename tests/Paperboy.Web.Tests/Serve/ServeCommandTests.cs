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
}
