using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Paperboy.Web.Accounts;

/// <summary>The antiforgery check of the endpoints outside Razor Pages (votes, submissions, admin API).</summary>
internal static class AntiforgeryCheck
{
    /// <summary>Whether the request carries a valid antiforgery token; a body that cannot be read as the form it claims to be carries none.</summary>
    /// <remarks><see cref="IAntiforgery.IsRequestValidAsync"/> throws, rather than answering false, on a malformed form.</remarks>
    public static async Task<bool> HasValidTokenAsync(this IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
