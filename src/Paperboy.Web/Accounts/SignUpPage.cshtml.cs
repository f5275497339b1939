using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Accounts;

namespace Paperboy.Web.Accounts;

/// <summary><c>/account/sign-up</c>: make an account (the site's first becomes admin) and sign in with it.</summary>
[EnableRateLimiting(SignInRateLimit.SignUpPolicy)]
public sealed class SignUpPageModel(UserAccounts accounts) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<AccountProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        var result = accounts.SignUp(UserName?.Trim(), Email?.Trim(), Password);
        if (result.User is not { } user)
        {
            Problems = result.Problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await SiteUser.SignInAsync(HttpContext, accounts, user);
        return LocalRedirect(AccountPages.SafeReturnUrl(ReturnUrl));
    }

    public string? ProblemWith(AccountField field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}
