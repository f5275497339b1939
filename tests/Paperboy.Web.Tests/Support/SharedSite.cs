[assembly: AssemblyFixture(typeof(Paperboy.Web.Tests.Support.SharedSite))]

namespace Paperboy.Web.Tests.Support;

/// <summary>One read-only test site shared by the tests that only read (pages, feeds, API).</summary>
public sealed class SharedSite : IAsyncLifetime
{
    public TestSite Site { get; private set; } = null!;

    public HttpClient Client => Site.Client;

    public async ValueTask InitializeAsync() => Site = await TestSite.StartAsync();

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
