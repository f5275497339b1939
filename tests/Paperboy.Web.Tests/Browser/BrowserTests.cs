using Microsoft.Playwright;

namespace Paperboy.Web.Tests.Browser;

/// <summary>A class of browser tests sharing one <see cref="BrowserSite"/>; a failed test's output gets the site's failure report.</summary>
/// <remarks>A timeout alone says only that a page never came; the report says where the pages stood and what the server did meanwhile.</remarks>
public abstract class BrowserTests(BrowserSite site) : IClassFixture<BrowserSite>, IDisposable
{
    protected BrowserSite Site => site;

    /// <summary>
    /// Waits until <paramref name="page"/> shows a loaded document whose path starts with <paramref name="path"/> (is
    /// <paramref name="path"/> when <paramref name="exactPath"/>).
    /// </summary>
    /// <remarks>
    /// Polls the document itself rather than waiting for Playwright's report of the load event, which Playwright now and then
    /// never gives though the server has answered and the network is idle, leaving WaitForURLAsync to time out after 90 s:
    /// in CI (commit a51e937) for a paper page the output cache served in 0.7 ms, and locally (1 run in 21 at commit
    /// 3c98f72) for the home page reached through the sign-up redirect, served in 31 ms.
    /// </remarks>
    protected static Task WaitForDocumentAsync(IPage page, string path, bool exactPath = false) =>
        page.WaitForFunctionAsync(
            "([path, exact]) => (exact ? location.pathname === path : location.pathname.startsWith(path)) && document.readyState === 'complete'",
            new object[] { path, exactPath });

    public void Dispose()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(site.FailureReport());
        }

        GC.SuppressFinalize(this);
    }
}
