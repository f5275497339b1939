using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Web.Library;
using Paperboy.Web.Operations;

namespace Paperboy.Web.Search;

/// <summary>The rate limit on searches (page, API and feed): a fixed window of permits per client address.</summary>
/// <remarks>Searching embeds the query and scans every vector, the costliest request the site answers; listings are not limited.</remarks>
public static class SearchRateLimit
{
    public const string Policy = "search";

    public static IServiceCollection AddSearchRateLimit(this IServiceCollection services, PaperboyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var window = TimeSpan.FromSeconds(Math.Max(0.1, options.SearchWindowSeconds));
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.SearchPermitsPerWindow),
                    Window = window,
                    QueueLimit = Math.Max(0, options.SearchQueueLimit),
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            limiter.OnRejected = (context, _) => RateLimitRefusal.WriteAsync(
                context.HttpContext,
                context.Lease,
                window,
                "Too many searches",
                seconds => $"This address has used its {options.SearchPermitsPerWindow} searches per {window.TotalSeconds:0.#} s; retry after {seconds} s.");
        });
    }
}
