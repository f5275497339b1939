using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Paperboy.Web.Operations;

/// <summary><c>/status/{code}</c>: what the site shows for an error status that came without a body of its own.</summary>
/// <remarks>
/// The status-code pages middleware re-executes the request here with its original method, so the page answers every
/// method and skips the antiforgery check: a re-executed POST must explain its own status, not fail as a forged form.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusPageModel : PageModel
{
    /// <summary>
    /// The status explained: the original one when re-executed, else the route's (400-599). Never bound from the query or
    /// a form: a posted <c>Code=101</c> must not become the response's status.
    /// </summary>
    public int Code { get; private set; }

    public string Title => Code switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status401Unauthorized => "Sign-in required",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        >= 500 => "Something went wrong",
        _ => ReasonPhrases.GetReasonPhrase(Code) is { Length: > 0 } phrase ? phrase : $"Error {Code}",
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status400BadRequest => $"The site could not use this request to {RequestedPath}: its address, query or form is not one it understands.",
        StatusCodes.Status401Unauthorized => $"{RequestedPath} needs a signed-in account.",
        StatusCodes.Status403Forbidden => $"Your account may not do this at {RequestedPath}.",
        StatusCodes.Status404NotFound => "There is no such page, paper or listing day here.",
        StatusCodes.Status405MethodNotAllowed => $"{RequestedPath} does not take {Request.Method} requests.",
        StatusCodes.Status429TooManyRequests => Response.Headers.RetryAfter is [{ } seconds]
            ? $"This address was asked too often just now: try again in {seconds} s."
            : "This address was asked too often just now: wait a moment and try again.",
        >= 500 => $"The server could not answer the request to {RequestedPath} (status {Code}); its log says why.",
        _ => $"The request to {RequestedPath} ended with status {Code}.",
    };

    /// <summary>The address the visitor asked for (this page's own when reached directly).</summary>
    private string RequestedPath =>
        HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original
            ? original.OriginalPathBase + original.OriginalPath
            : Request.Path.ToString();

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original)
        {
            Code = original.OriginalStatusCode;
            return;
        }

        // Reached directly (/status/403), the page answers with the status it describes.
        Code = Convert.ToInt32(RouteData.Values["code"], CultureInfo.InvariantCulture);
        Response.StatusCode = Code;
    }
}
