using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperboy.Web.Accounts;

/// <summary><c>/account/denied</c>: where a signed-in user lands on a page that needs an admin (status 403).</summary>
public sealed class DeniedPageModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
