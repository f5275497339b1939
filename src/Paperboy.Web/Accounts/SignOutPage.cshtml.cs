using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Paperboy.Web.Accounts;

/// <summary><c>/account/sign-out</c>: a form post signs out (a GET only offers the button, so a link elsewhere cannot sign anyone out).</summary>
public sealed class SignOutPageModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(SiteUser.CookieScheme);
        return LocalRedirect("/");
    }
}
