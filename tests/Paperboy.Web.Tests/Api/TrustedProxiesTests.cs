using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Api;

/// <summary>Forwarded headers are believed from the proxies named in Paperboy:TrustedProxies, and from nobody else.</summary>
public sealed class TrustedProxiesTests
{
    private static readonly IPAddress _proxy = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress _stranger = IPAddress.Parse("198.51.100.9");

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_visitor_has_a_search_limit_of_its_own()
    {
        await using var site = await TestSite.StartAsync(null, "TrustedProxies=127.0.0.1, 10.0.0.0/8", "SearchPermitsPerWindow=1", "SearchWindowSeconds=600");

        var first = await SearchAsync(site, _proxy, "203.0.113.7");
        var again = await SearchAsync(site, _proxy, "203.0.113.7");
        var other = await SearchAsync(site, _proxy, "203.0.113.8");

        Assert.Equal([StatusCodes.Status200OK, StatusCodes.Status429TooManyRequests, StatusCodes.Status200OK], [first, again, other]);
    }

    [Fact]
    public async Task A_sender_that_is_not_a_trusted_proxy_cannot_pass_for_other_visitors()
    {
        await using var site = await TestSite.StartAsync(null, "TrustedProxies=10.0.0.0/8", "SearchPermitsPerWindow=1", "SearchWindowSeconds=600");

        var first = await SearchAsync(site, _stranger, "203.0.113.7");
        var disguised = await SearchAsync(site, _stranger, "203.0.113.8");

        Assert.Equal([StatusCodes.Status200OK, StatusCodes.Status429TooManyRequests], [first, disguised]);
    }

    [Fact]
    public async Task Without_trusted_proxies_forwarded_headers_are_ignored()
    {
        await using var site = await TestSite.StartAsync(null, "SearchPermitsPerWindow=1", "SearchWindowSeconds=600");

        var first = await SearchAsync(site, _proxy, "203.0.113.7");
        var disguised = await SearchAsync(site, _proxy, "203.0.113.8");
        var feed = await GetAsync(site, "/feeds/daily", _proxy, "203.0.113.9", "https");

        Assert.Equal([StatusCodes.Status200OK, StatusCodes.Status429TooManyRequests], [first, disguised]);
        Assert.Contains("<id>http://localhost/", await BodyAsync(feed));
    }

    [Fact]
    public async Task A_trusted_proxy_that_terminates_https_makes_the_site_link_with_https()
    {
        await using var site = await TestSite.StartAsync(null, "TrustedProxies=10.1.2.3");

        var feed = await GetAsync(site, "/feeds/daily", _proxy, "203.0.113.7", "https");

        Assert.Equal(StatusCodes.Status200OK, feed.Response.StatusCode);
        Assert.Contains("<id>https://localhost/", await BodyAsync(feed));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("::ffff:10.1.2.3")]
    public async Task A_proxy_reaching_the_site_over_ipv6_as_a_mapped_ipv4_address_is_the_proxy_named(string entry)
    {
        await using var site = await TestSite.StartAsync(null, $"TrustedProxies={entry}", "SearchPermitsPerWindow=1", "SearchWindowSeconds=600");

        var first = await SearchAsync(site, _proxy.MapToIPv6(), "203.0.113.7");
        var other = await SearchAsync(site, _proxy.MapToIPv6(), "203.0.113.8");

        Assert.Equal([StatusCodes.Status200OK, StatusCodes.Status200OK], [first, other]);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.example.org")]
    [InlineData("192.168.001.010")]
    [InlineData("10")]
    [InlineData("1.2.3")]
    [InlineData("[::1]:80")]
    public async Task An_entry_that_is_neither_an_address_nor_a_network_stops_the_site_naming_it(string entry)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSite.StartAsync(null, $"TrustedProxies=127.0.0.1,{entry}"));

        Assert.Equal(
            $"Paperboy:TrustedProxies: '{entry}' is not an IP address or network: give the proxies' addresses or networks, comma-separated, e.g. 127.0.0.1,10.0.0.0/8.",
            error.Message);
    }

    private static async Task<int> SearchAsync(TestSite site, IPAddress from, string forwardedFor) =>
        (await GetAsync(site, "/api/papers/search", from, forwardedFor, null, "?q=diffusion")).Response.StatusCode;

    /// <summary>A request as if from <paramref name="from"/>, carrying the forwarded headers a proxy adds.</summary>
    private static Task<HttpContext> GetAsync(TestSite site, string path, IPAddress from, string forwardedFor, string? forwardedProto, string query = "") =>
        site.App.GetTestServer().SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Request.QueryString = new QueryString(query);
            context.Connection.RemoteIpAddress = from;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (forwardedProto is not null)
            {
                context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            }
        }, TestContext.Current.CancellationToken);

    private static Task<string> BodyAsync(HttpContext context) => new StreamReader(context.Response.Body).ReadToEndAsync();
}
