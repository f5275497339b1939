using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web.Accounts;
using Paperboy.Web.Operations;

namespace Paperboy.Web.Submissions;

/// <summary>
/// Limits submissions per account (the page's and the API's together): each may hold the site's one queue to arXiv
/// for seconds (about 9 for an id arXiv does not know), so one account must not keep everyone else's waiting.
/// </summary>
public sealed class SubmissionRateLimit(AccountOptions options) : IRateLimiterPolicy<string>
{
    public const string Policy = "submit";

    private TimeSpan Window => TimeSpan.FromSeconds(Math.Max(0.1, options.SubmitWindowSeconds));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) => RateLimitRefusal.WriteAsync(
        context.HttpContext,
        context.Lease,
        Window,
        "Too many submissions",
        seconds => $"This account has used its {options.SubmitPermitsPerWindow} submissions per {Window.TotalSeconds:0.#} s; retry after {seconds} s.");

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // Showing the form is free, and anonymous posts are answered 401 (or sent to sign in) without reaching arXiv.
        if (!HttpMethods.IsPost(httpContext.Request.Method) || httpContext.User.UserId() is not { } account)
        {
            return RateLimitPartition.GetNoLimiter("free");
        }

        return RateLimitPartition.GetFixedWindowLimiter(
            account.ToString(CultureInfo.InvariantCulture),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.SubmitPermitsPerWindow), Window = Window, QueueLimit = 0 });
    }
}
