using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperboy.Accounts;

namespace Paperboy.Web.Accounts;

/// <summary>The signed-in user as the request's claims carry them: id, name, admin flag, and how they authenticated.</summary>
public static class SiteUser
{
    /// <summary>The sign-in cookie's scheme.</summary>
    public const string CookieScheme = "paperboy-cookie";

    /// <summary>The <c>Authorization: Bearer pbt_...</c> personal API token scheme.</summary>
    public const string TokenScheme = "paperboy-token";

    /// <summary>The scheme requests authenticate with: the token scheme when a bearer token is sent, else the cookie.</summary>
    public const string Scheme = "paperboy";

    /// <summary>The authorisation policy of admin-only pages and endpoints.</summary>
    public const string AdminPolicy = "paperboy-admin";

    public const string AdminClaim = "paperboy:admin";

    /// <summary>The sign-in session a cookie belongs to (<see cref="UserAccounts.StartSession"/>); checked against the store on every request.</summary>
    public const string SessionClaim = "paperboy:session";

    /// <summary>The claims identity of <paramref name="user"/> for <paramref name="scheme"/>, in <paramref name="session"/> when signed in by cookie.</summary>
    public static ClaimsPrincipal Principal(User user, string scheme, string? session = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
        };
        if (user.IsAdmin)
        {
            claims.Add(new Claim(AdminClaim, "true"));
        }

        if (session is not null)
        {
            claims.Add(new Claim(SessionClaim, session));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The signed-in user's id, or null for an anonymous request.</summary>
    public static long? UserId(this ClaimsPrincipal principal) =>
        principal?.Identity?.IsAuthenticated == true
        && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>The sign-in session of a cookie-authenticated request, or null.</summary>
    public static string? SessionId(this ClaimsPrincipal principal) => principal?.FindFirstValue(SessionClaim);

    /// <summary>Signs <paramref name="user"/> in with the sign-in cookie, in a new session of theirs.</summary>
    public static Task SignInAsync(HttpContext http, UserAccounts accounts, User user)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(user);
        var cookie = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieScheme);
        var session = accounts.StartSession(user.Id, cookie.ExpireTimeSpan);
        return http.SignInAsync(CookieScheme, Principal(user, CookieScheme, session), new AuthenticationProperties { IsPersistent = true });
    }

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal?.HasClaim(AdminClaim, "true") == true;

    /// <summary>True when the request authenticated with the sign-in cookie (and so needs an antiforgery token to change anything).</summary>
    public static bool ViaCookie(this ClaimsPrincipal principal) => principal?.Identity?.AuthenticationType == CookieScheme;
}
