using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Accounts;

namespace Paperboy.Web.Accounts;

/// <summary><c>/account/sign-out</c>: a form post signs out (a GET only offers the button, so a link elsewhere cannot sign anyone out).</summary>
/// <remarks>Signing out ends the cookie's session in the store, so a copy of the cookie kept elsewhere stops working too.</remarks>
public sealed class SignOutPageModel(UserAccounts accounts) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.SessionId() is { } session)
        {
            accounts.Store.EndSession(session);
        }

        await HttpContext.SignOutAsync(SiteUser.CookieScheme);
        return LocalRedirect("/");
    }
}
