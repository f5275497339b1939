using Microsoft.Playwright;

namespace Paperboy.Web.Tests.Browser;

/// <summary>A class of browser tests sharing one <see cref="BrowserSite"/>; a failed test's output gets the site's failure report.</summary>
/// <remarks>A timeout alone says only that a page never came; the report says where the pages stood and what the server did meanwhile.</remarks>
public abstract class BrowserTests(BrowserSite site) : IClassFixture<BrowserSite>, IDisposable
{
    protected BrowserSite Site => site;

    /// <summary>Waits until <paramref name="page"/> shows a loaded document whose path starts with <paramref name="pathPrefix"/>.</summary>
    /// <remarks>
    /// Polls the document itself rather than waiting for Playwright's report of the load event: once (CI, commit a51e937), a
    /// paper page that the output cache served in 0.7 ms left WaitForURLAsync waiting 90 s for a load event that Playwright
    /// never reported, though the server had answered and the network was idle.
    /// </remarks>
    protected static Task WaitForDocumentAsync(IPage page, string pathPrefix) =>
        page.WaitForFunctionAsync("prefix => location.pathname.startsWith(prefix) && document.readyState === 'complete'", pathPrefix);

    public void Dispose()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(site.FailureReport());
        }

        GC.SuppressFinalize(this);
    }
}
