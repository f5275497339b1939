using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperboy.Accounts;

namespace Paperboy.Web.Accounts;

/// <summary><c>/account</c>: who is signed in, and their personal API tokens (create, shown once; revoke).</summary>
[Authorize(AuthenticationSchemes = SiteUser.CookieScheme)]
public sealed class AccountPageModel(UserAccounts accounts) : PageModel
{
    public User Account { get; private set; } = null!;

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The token just created; its secret appears on this one response and nowhere else.</summary>
    public NewApiToken? Created { get; private set; }

    [BindProperty]
    public string? TokenName { get; set; }

    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    public IActionResult OnGet() => Load() ? Page() : Challenge();

    public IActionResult OnPostCreate()
    {
        if (!Load())
        {
            return Challenge();
        }

        if (AccountRules.CheckTokenName(TokenName) is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Created = accounts.CreateApiToken(Account.Id, TokenName);
        Tokens = accounts.ApiTokens(Account.Id);
        TokenName = null;
        return Page();
    }

    public IActionResult OnPostRevoke(long tokenId)
    {
        if (!Load())
        {
            return Challenge();
        }

        if (!accounts.RevokeApiToken(Account.Id, tokenId))
        {
            Problem = $"You have no token with id {tokenId} (already revoked?).";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Notice = "Token revoked: requests with it now fail.";
        Tokens = accounts.ApiTokens(Account.Id);
        return Page();
    }

    /// <summary>Ends every sign-in session of the account (a cookie left on another device included) and this browser's.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (User.UserId() is { } id)
        {
            accounts.Store.EndSessions(id);
        }

        await HttpContext.SignOutAsync(SiteUser.CookieScheme);
        return LocalRedirect("/");
    }

    private bool Load()
    {
        if (User.UserId() is not { } id || accounts.Store.FindUser(id) is not { } user)
        {
            return false;
        }

        Account = user;
        Tokens = accounts.ApiTokens(id);
        return true;
    }
}
