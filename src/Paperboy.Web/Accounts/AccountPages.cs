namespace Paperboy.Web.Accounts;

/// <summary>What the account pages share: where to send a person after signing in or up.</summary>
public static class AccountPages
{
    /// <summary><paramref name="url"/> when it is a path on this site, else the home page (no open redirects).</summary>
    /// <remarks>
    /// Control characters are refused too: browsers drop a tab or a line break, so <c>/&#9;/evil.example</c> would lead off
    /// the site as <c>//evil.example</c>.
    /// </remarks>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";
}
