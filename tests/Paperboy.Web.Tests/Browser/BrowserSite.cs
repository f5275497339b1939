using Microsoft.Playwright;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Browser;

/// <summary>A real <c>paperboy serve</c> and Debian's Chromium driven by Playwright, shared by the browser tests.</summary>
/// <remarks>
/// Playwright cannot download its own browser here, so it launches <c>/usr/bin/chromium</c>. Without it the browser
/// tests skip locally and fail under CI=true. Tests that sign up or vote should start their own <see cref="ServeProcess"/>
/// when they change what other tests read.
/// </remarks>
public sealed class BrowserSite : IAsyncLifetime
{
    /// <summary>How long a browser action or navigation may take before the test fails.</summary>
    private const float LoadedMachineTimeoutMs = 90_000;

    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] _chromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    /// <summary>How much of the server's log a failing test reports.</summary>
    private const int ReportedLogLines = 80;

    private readonly TempDirectory _data = new();
    private readonly List<IPage> _pages = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServeProcess? _server;

    /// <summary>The server's address.</summary>
    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("the browser site did not start");

    /// <summary>The server's log so far, for failure messages.</summary>
    public string ServerLog => _server?.Log ?? "";

    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>Skips the calling test when Chromium is missing, or fails it under CI=true (where <c>.ci/run</c> installs it).</summary>
    public static void RequireChromium()
    {
        if (ChromiumInstalled)
        {
            return;
        }

        var message = $"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message + " (CI=true: the browser must be present)");
        }

        Assert.Skip(message);
    }

    public async ValueTask InitializeAsync()
    {
        if (!ChromiumInstalled)
        {
            return;
        }

        _server = await ServeProcess.StartAsync(_data.Path);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = _chromiumArguments,
        });
    }

    /// <summary>A page in a fresh browser context (its own cookies) with a laptop-sized viewport and the site as base URL.</summary>
    /// <param name="javaScriptEnabled">False for a browser with scripts off (pages must work without them).</param>
    public async Task<IPage> NewPageAsync(bool javaScriptEnabled = true)
    {
        RequireChromium();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            JavaScriptEnabled = javaScriptEnabled,
        });

        // Playwright's 30 s ran out twice this session while the whole suite loaded 2 cores (load 11): Chromium, the
        // server and the other test classes share them. A broken page still fails, only later.
        context.SetDefaultTimeout(LoadedMachineTimeoutMs);
        var page = await context.NewPageAsync();
        lock (_pages)
        {
            _pages.Add(page);
        }

        return page;
    }

    /// <summary>What a failed browser test needs to be understood: where each of its pages stood, and the server's recent log (requests included).</summary>
    public string FailureReport()
    {
        string[] addresses;
        lock (_pages)
        {
            addresses = _pages.Select(p => p.IsClosed ? "(closed)" : p.Url).ToArray();
        }

        var log = ServerLog.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return $"pages of this site: {string.Join(", ", addresses)}\n" +
            $"last {Math.Min(ReportedLogLines, log.Length)} of {log.Length} lines of the server's log:\n{string.Join('\n', log.TakeLast(ReportedLogLines))}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _data.Dispose();
    }
}
