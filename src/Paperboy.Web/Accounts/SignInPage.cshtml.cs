using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Accounts;

namespace Paperboy.Web.Accounts;

/// <summary><c>/account/sign-in</c>: sign in by user name or email; attempts are rate-limited per address.</summary>
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInPageModel(UserAccounts accounts) : PageModel
{
    [BindProperty]
    public string? NameOrEmail { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (accounts.SignIn(NameOrEmail, Password) is not { } user)
        {
            // One message for an unknown name and a wrong password, so the form does not tell which names exist.
            Problem = "The user name (or email) and password do not match an account.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await SiteUser.SignInAsync(HttpContext, accounts, user);
        return LocalRedirect(AccountPages.SafeReturnUrl(ReturnUrl));
    }
}
