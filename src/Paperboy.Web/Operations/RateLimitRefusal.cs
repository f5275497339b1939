using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Paperboy.Web.Operations;

/// <summary>How the site answers a request that a rate limit refused: a 429 with Retry-After, explained as the client reads it.</summary>
public static class RateLimitRefusal
{
    /// <summary>
    /// Writes the 429: problem details for the API and feeds (read by programs), and for pages an empty 429 that the
    /// status-code pages turn into the site's "Too many requests" page.
    /// </summary>
    /// <param name="context">The refused request.</param>
    /// <param name="lease">The refused lease, which may say when to retry.</param>
    /// <param name="window">The limit's window: the wait when the lease does not say.</param>
    /// <param name="title">What was limited, e.g. "Too many searches".</param>
    /// <param name="detail">The limit, given the seconds to wait.</param>
    public static async ValueTask WriteAsync(HttpContext context, RateLimitLease lease, TimeSpan window, string title, Func<int, string> detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(detail);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/feeds"))
        {
            await Results.Problem(title: title, detail: detail(seconds), statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
        }
    }
}
