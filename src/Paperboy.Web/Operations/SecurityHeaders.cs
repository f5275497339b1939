using Microsoft.AspNetCore.Builder;

namespace Paperboy.Web.Operations;

/// <summary>
/// Headers every response carries so browsers hold the site to what it is: its own scripts, styles and images only,
/// no framing by other sites, no content-type guessing, and no full addresses sent to other sites as referrers.
/// </summary>
/// <remarks>
/// The API reference at <c>/api/docs</c> is Scalar's page, which runs an inline script of its own, so of the content
/// policy it keeps only <c>frame-ancestors 'none'</c>; it gets the other headers in full.
/// </remarks>
public static class SecurityHeaders
{
    /// <summary>Pages use only the site's own files; forms post only to the site; nobody frames it.</summary>
    public const string ContentPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiReferencePolicy = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var policy = context.Request.Path.StartsWithSegments("/api/docs") ? ApiReferencePolicy : ContentPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
