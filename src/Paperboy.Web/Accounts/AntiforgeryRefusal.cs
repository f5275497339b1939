using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Paperboy.Web.Accounts;

/// <summary>Answers a page form post whose antiforgery token is missing or stale with a 400 that says so, instead of an empty 400.</summary>
/// <remarks>An empty 400 would be re-executed by the site's status-code pages as "not found", which misleads the person.</remarks>
internal sealed class AntiforgeryRefusal : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "This form's antiforgery token is missing or has expired: go back, reload the page and submit it again.",
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
