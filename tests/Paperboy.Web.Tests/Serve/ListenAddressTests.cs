using Microsoft.AspNetCore.Hosting;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Serve;

/// <summary>Where the site listens: <c>--urls</c>, else the configuration (appsettings.json, ASPNETCORE_URLS), else the default.</summary>
public sealed class ListenAddressTests
{
    private const string Default = "http://127.0.0.1:5000";

    [Theory]
    [InlineData(null, null, Default)]
    [InlineData(null, "http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    [InlineData("http://127.0.0.1:5456", "http://127.0.0.1:5123", "http://127.0.0.1:5456")]
    public async Task Urls_come_from_the_option_then_appsettings_then_the_default(string? option, string? appsettings, string expected)
    {
        using var root = new TempDirectory();
        if (appsettings is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(root.Path, "appsettings.json"), $$"""{ "Urls": "{{appsettings}}" }""", TestContext.Current.CancellationToken);
        }

        await using var app = PaperboyWebHost.Build(new PaperboyWebSettings
        {
            DataDirectory = Path.Combine(root.Path, "data"),
            ContentRoot = root.Path,
            Urls = option,
            DefaultUrls = Default,
            Arguments = ["--Paperboy:ImportDemoWhenEmpty=false", "--Paperboy:Embedders=none"],
        });

        Assert.Equal(expected, app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }
}
