using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Papers;
using Paperboy.Store.Sqlite;

namespace Paperboy.Web.Tests.Support;

/// <summary>The site hosted in process on a test server over a temp data directory holding <see cref="TestPapers"/>.</summary>
/// <remarks>The hashing test embedder stands in for the real models; the clock is fixed one day after the newest listing.</remarks>
public sealed class TestSite : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The hashing embedder, no demo import, a quick indexer, small pages and a limit no test reaches.</summary>
    private static readonly string[] _defaultSettings = ["Embedders=hashing", "ImportDemoWhenEmpty=false", "FollowIntervalSeconds=0.05", "PageSize=3", "SearchPageSize=3", "SearchPermitsPerWindow=100000"];

    private readonly TempDirectory _data = new();

    private TestSite()
    {
    }

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    /// <summary>Starts a site over <paramref name="papers"/> (default: <see cref="TestPapers.All"/>) and waits until it has indexed them.</summary>
    /// <param name="papers">The papers to store before starting.</param>
    /// <param name="settings">Extra settings as <c>Name=value</c> pairs of the <c>Paperboy</c> section.</param>
    public static Task<TestSite> StartAsync(IReadOnlyList<PaperRecord>? papers = null, params string[] settings) =>
        StartAsync(_ => { }, papers, settings);

    /// <summary>As <see cref="StartAsync(IReadOnlyList{PaperRecord}, string[])"/>, with <paramref name="configure"/> changing the host's services too.</summary>
    public static async Task<TestSite> StartAsync(Action<WebApplicationBuilder> configure, IReadOnlyList<PaperRecord>? papers = null, params string[] settings)
    {
        var site = new TestSite();
        using (var store = SqlitePaperStore.Open(site.DataDirectory))
        {
            store.Merge(papers ?? TestPapers.All());
        }

        var arguments = _defaultSettings
            .Concat(settings)
            .Select(s => "--Paperboy:" + s)
            .ToArray();
        site.App = PaperboyWebHost.Build(
            new PaperboyWebSettings { DataDirectory = site.DataDirectory, Arguments = arguments },
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
                configure(builder);
            });
        await site.App.StartAsync();
        site.Client = site.App.GetTestClient();
        await site.WaitUntilIndexedAsync();
        return site;
    }

    /// <summary>Waits (up to a minute) until <c>/healthz</c> reports no keyword lag and no embedding backlog.</summary>
    public async Task WaitUntilIndexedAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var health = await Client.GetFromJsonAsync<JsonElement>("/healthz");
            var keywordsDone = health.GetProperty("keywordLag").GetInt64() == 0 && health.GetProperty("keywordSequence").GetInt64() > 0;
            var vectorsDone = !UsesEmbedders || (health.GetProperty("embeddingBacklog").GetInt64() == 0
                && health.GetProperty("embeddingSequence").GetInt64() == health.GetProperty("storeSequence").GetInt64());
            if (keywordsDone && vectorsDone)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the test site did not finish indexing in a minute: {health}");
            }

            await Task.Delay(50);
        }
    }

    private bool UsesEmbedders => App.Services.GetRequiredService<Paperboy.Web.Library.PaperLibrary>().Legs.Count > 0;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
