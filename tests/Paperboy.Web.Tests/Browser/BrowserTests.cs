namespace Paperboy.Web.Tests.Browser;

/// <summary>A class of browser tests sharing one <see cref="BrowserSite"/>; a failed test's output gets the site's failure report.</summary>
/// <remarks>A timeout alone says only that a page never came; the report says where the pages stood and what the server did meanwhile.</remarks>
public abstract class BrowserTests(BrowserSite site) : IClassFixture<BrowserSite>, IDisposable
{
    protected BrowserSite Site => site;

    public void Dispose()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(site.FailureReport());
        }

        GC.SuppressFinalize(this);
    }
}
