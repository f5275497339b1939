using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Paperboy.Accounts;

namespace Paperboy.Web.Accounts;

/// <summary>Authenticates <c>Authorization: Bearer pbt_...</c> as the personal API token's owner.</summary>
/// <remarks>Only the token's SHA-256 is looked up; a revoked token is gone from the store and fails at once.</remarks>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserAccounts accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>True when the request carries a bearer token (whatever its worth), so the token scheme should judge it.</summary>
    public static bool HasBearerToken(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = accounts.Authenticate(header[BearerPrefix.Length..].Trim());
        return Task.FromResult(user is null
            ? AuthenticateResult.Fail("the bearer token is not a valid, unrevoked Paperboy API token")
            : AuthenticateResult.Success(new AuthenticationTicket(SiteUser.Principal(user, Scheme.Name), Scheme.Name)));
    }
}
