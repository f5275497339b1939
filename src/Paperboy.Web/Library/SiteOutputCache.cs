using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Paperboy.Web.Library;

/// <summary>Output caching of the busiest read-only responses (listings, paper pages, their API and feeds), keyed by the library's version.</summary>
/// <remarks>
/// A response is reused only while the store and vectors are unchanged (the version is part of the key) and for at most a
/// minute (trending ages). ASP.NET Core's default policy already leaves out what must not be shared: requests of signed-in
/// users, responses that set cookies (antiforgery tokens), and anything but a 200 to a GET.
/// </remarks>
public static class SiteOutputCache
{
    public const string Policy = "library";

    public static IServiceCollection AddSiteOutputCache(this IServiceCollection services) =>
        services.AddOutputCache(cache => cache.AddPolicy(Policy, policy => policy
            .Expire(TimeSpan.FromMinutes(1))
            .SetVaryByQuery("*")
            .VaryByValue(context => new KeyValuePair<string, string>("library", Key(context)))));

    private static string Key(HttpContext context)
    {
        var version = context.RequestServices.GetRequiredService<PaperLibrary>().Version;
        return string.Create(CultureInfo.InvariantCulture, $"{version.Changes}.{version.Vectors}");
    }
}
