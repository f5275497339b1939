using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Paperboy.Search.Keyword;
using Paperboy.Web.Accounts;

namespace Paperboy.Web.Api;

/// <summary>What the framework's own error responses say: a detail for the problems it writes without one, and the 401 challenge.</summary>
public static class ApiProblemDefaults
{
    /// <summary>Gives a problem without a detail one that says what went wrong, from its status and the request.</summary>
    public static void AddDetail(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var path = http.Request.Path.Value;
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest =>
                $"The request to {path} could not be read: check its parameters and, for a JSON body, that it is well-formed JSON of the shape the API documents (/api/docs).",
            StatusCodes.Status404NotFound => http.Request.Path.StartsWithSegments("/api")
                ? $"There is no API address {path}; the API is described at /api/docs."
                : $"There is nothing at {path}.",
            StatusCodes.Status405MethodNotAllowed => http.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{path} does not take {http.Request.Method} requests; it takes {allow}."
                : $"{path} does not take {http.Request.Method} requests.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{path} does not take a body of type '{http.Request.ContentType}'; send application/json.",
            StatusCodes.Status503ServiceUnavailable when http.Features.Get<IExceptionHandlerFeature>()?.Error is KeywordIndexException =>
                "The keyword index was found damaged and is being rebuilt from the store; try again in a few seconds.",
            >= StatusCodes.Status500InternalServerError => "The server could not answer this request; its log says why.",
            _ => null,
        };
    }

    /// <summary>
    /// Adds the challenge RFC 9110 asks of every 401 under /api: <c>WWW-Authenticate: Bearer</c>, saying the token was
    /// refused when the request sent one.
    /// </summary>
    public static IApplicationBuilder UseBearerChallenge(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && context.Response.Headers.WWWAuthenticate.Count == 0)
                {
                    context.Response.Headers[HeaderNames.WWWAuthenticate] = ApiTokenAuthentication.HasBearerToken(context.Request)
                        ? "Bearer realm=\"Paperboy\", error=\"invalid_token\", error_description=\"the token is not a valid, unrevoked Paperboy API token\""
                        : "Bearer realm=\"Paperboy\"";
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    });
}
