using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Paperboy.Web.Assets;

/// <summary>The site's own CSS, JavaScript and icon, embedded in this assembly and served under <c>/assets/</c> with content-hashed URLs.</summary>
/// <remarks>
/// Embedded rather than static web assets, so that the files are there whatever the working directory or environment
/// of the <c>paperboy</c> executable. A URL carries the file's hash, so browsers may cache it for a year.
/// </remarks>
public static class SiteAssets
{
    public const string PathPrefix = "/assets";

    private static readonly EmbeddedFileProvider _files = new(typeof(SiteAssets).Assembly, typeof(SiteAssets).Namespace);
    private static readonly FrozenDictionary<string, string> _urls = new[] { "site.css", "site.js", "votes.js", "favicon.svg" }
        .ToFrozenDictionary(name => name, name => $"{PathPrefix}/{name}?v={Hash(name)}");

    /// <summary>The URL of an asset, with its content hash; throws for a file that is not embedded.</summary>
    public static string Url(string name) => _urls.TryGetValue(name, out var url)
        ? url
        : throw new ArgumentException($"'{name}' is not an embedded asset of Paperboy.Web (Assets/ holds {string.Join(", ", _urls.Keys)})", nameof(name));

    /// <summary>Serves the embedded assets under <see cref="PathPrefix"/>.</summary>
    public static IApplicationBuilder UseSiteAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = _files,
        RequestPath = PathPrefix,
        OnPrepareResponse = context =>
        {
            if (context.Context.Request.Query.ContainsKey("v"))
            {
                context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            }
        },
    });

    private static string Hash(string name)
    {
        var file = _files.GetFileInfo(name);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"this build of Paperboy.Web lacks its asset Assets/{name}");
        }

        using var stream = file.CreateReadStream();
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
