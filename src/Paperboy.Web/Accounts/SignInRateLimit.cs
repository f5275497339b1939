using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Web.Operations;

namespace Paperboy.Web.Accounts;

/// <summary>
/// Limits sign-in (or sign-up) attempts per client address: a fixed window of form posts; showing the form is not limited.
/// Sign-up is limited too: it hashes a password for every post, and says whether an email has an account.
/// </summary>
/// <remarks>A policy of its own (rather than one added to the shared limiter options) so that its 429 says what was limited.</remarks>
public sealed class SignInRateLimit(AccountOptions options, string attempts = SignInRateLimit.Policy) : IRateLimiterPolicy<string>
{
    public const string Policy = "sign-in";

    public const string SignUpPolicy = "sign-up";

    private TimeSpan Window => TimeSpan.FromSeconds(Math.Max(0.1, options.SignInWindowSeconds));

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) => RateLimitRefusal.WriteAsync(
        context.HttpContext,
        context.Lease,
        Window,
        $"Too many {attempts} attempts",
        seconds => $"This address has used its {options.SignInPermitsPerWindow} {attempts} attempts per {Window.TotalSeconds:0.#} s; retry after {seconds} s.");

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("show");
        }

        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.SignInPermitsPerWindow), Window = Window, QueueLimit = 0 });
    }
}
