using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paperboy.Web.Library;
using Paperboy.Web.Search;
using Prometheus;

namespace Paperboy.Web.Operations;

/// <summary>What <c>/healthz</c> reports: whether the store answers, and how far the indexes are behind it.</summary>
/// <param name="Status"><c>ok</c>, or <c>unavailable</c> when the store cannot be read.</param>
/// <param name="Papers">Papers in the store.</param>
/// <param name="StoreSequence">The store's latest change sequence.</param>
/// <param name="KeywordSequence">The last change the keyword index applied.</param>
/// <param name="KeywordLag">Changes not yet in the keyword index (sequence numbers).</param>
/// <param name="EmbeddingBacklog">Papers still without a vector, summed over the embedders; -1 before the first count.</param>
/// <param name="EmbeddingSequence">
/// The store change the backlog was counted at (-1 before the first count): papers imported after it are not in the
/// count yet, so "everything embedded" is a backlog of 0 counted at the store's sequence.
/// </param>
/// <param name="Error">Why the store could not be read.</param>
public sealed record HealthReport(string Status, long Papers, long StoreSequence, long KeywordSequence, long KeywordLag, long EmbeddingBacklog, long EmbeddingSequence, string? Error = null);

/// <summary>Operations endpoints: <c>/healthz</c> and Prometheus metrics at <c>/metrics</c>.</summary>
public static class OperationsEndpoints
{
    /// <summary>The methods HTTP defines (RFC 9110 and PATCH); any other token is answered 501 before the metrics see it.</summary>
    private static readonly FrozenSet<string> _knownMethods = FrozenSet.Create(
        StringComparer.Ordinal,
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Options, HttpMethods.Patch, HttpMethods.Trace, HttpMethods.Connect);

    /// <summary>
    /// Request counts and latency (prometheus-net's HTTP metrics) and the indexer's gauges, in a registry of this host's own.
    /// Requests with a method HTTP does not define get 501 first: each distinct method would otherwise add series to
    /// <c>/metrics</c> for the life of the process, which anyone could grow without bound.
    /// </summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app, CollectorRegistry registry) => app
        .Use((context, next) =>
        {
            if (_knownMethods.Contains(context.Request.Method))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("This site does not implement that request method.", context.RequestAborted);
        })
        .UseHttpMetrics(options => options.SetMetricFactory(Metrics.WithCustomRegistry(registry)));

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder routes, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var library = routes.ServiceProvider.GetService(typeof(PaperLibrary)) as PaperLibrary
            ?? throw new InvalidOperationException("the Paperboy library is not registered");
        var turns = routes.ServiceProvider.GetService(typeof(SearchTurns)) as SearchTurns
            ?? throw new InvalidOperationException("the search turns are not registered");
        var metrics = Metrics.WithCustomRegistry(registry);
        var lag = metrics.CreateGauge("paperboy_keyword_index_lag", "Store changes (sequence numbers) not yet applied to the keyword index");
        var backlog = metrics.CreateGauge("paperboy_embedding_backlog", "Papers without a vector, summed over the embedders");
        var papers = metrics.CreateGauge("paperboy_papers", "Papers in the store");
        var waiting = metrics.CreateGauge("paperboy_searches_waiting", "Searches waiting for their turn to run (Paperboy:SearchesAtOnce run at once)");
        registry.AddBeforeCollectCallback(() =>
        {
            var report = Check(library);
            lag.Set(report.KeywordLag);
            backlog.Set(report.EmbeddingBacklog);
            papers.Set(report.Papers);
            waiting.Set(turns.Waiting);
        });
        // HEAD too: uptime checkers often probe with it.
        routes.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], () =>
        {
            var report = Check(library);
            return report.Error is null ? Results.Ok(report) : Results.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Operations").WithSummary("Store reachability, keyword index lag and embedding backlog");
        routes.MapMetrics("/metrics", registry).ExcludeFromDescription();
        return routes;
    }

    private static HealthReport Check(PaperLibrary library)
    {
        var keyword = library.ChangeSequence;
        try
        {
            var head = library.Store.Head();
            var embedding = library.EmbeddingBacklog;
            return new HealthReport("ok", head.Papers, head.ChangeSequence, keyword, Math.Max(0, head.ChangeSequence - keyword), embedding.Papers, embedding.Sequence);
        }
        catch (Exception e) when (e is Paperboy.Store.StoreException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            return new HealthReport("unavailable", 0, 0, keyword, 0, library.EmbeddingBacklog.Papers, library.EmbeddingBacklog.Sequence, e.Message);
        }
    }
}
