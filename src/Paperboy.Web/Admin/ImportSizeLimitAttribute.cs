using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Web.Accounts;

namespace Paperboy.Web.Admin;

/// <summary>
/// Holds a page's request body to <see cref="AccountOptions.MaxImportBytes"/> (and its form's overhead), as the import
/// API holds its own. An authorisation filter, ordered as <c>[RequestSizeLimit]</c> is, so the limit is set before the
/// antiforgery check reads the form: Kestrel's 30 MB default would otherwise refuse a larger upload first.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ImportSizeLimitAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Room for the form's own fields and multipart framing around the file.</summary>
    public const long FormOverhead = 64 * 1024;

    /// <summary>The order of <c>[RequestSizeLimit]</c>'s filter: before antiforgery (1000).</summary>
    public int Order => 900;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new Limit(serviceProvider.GetRequiredService<AccountOptions>().MaxImportBytes + FormOverhead, Order);

    private sealed class Limit(long bytes, int order) : IAuthorizationFilter, IOrderedFilter
    {
        public int Order => order;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = bytes;
            }
        }
    }
}
