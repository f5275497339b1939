namespace Paperboy.Web.Accounts;

/// <summary>Settings of accounts, sign-in limits, submissions and admin imports (section <c>Paperboy:Accounts</c>; env <c>PAPERBOY__ACCOUNTS__...</c>).</summary>
public sealed class AccountOptions
{
    public const string Section = "Paperboy:Accounts";

    /// <summary>Sign-in attempts (form posts) one client address may make per window; the next gets 429 with Retry-After.</summary>
    public int SignInPermitsPerWindow { get; set; } = 10;

    public double SignInWindowSeconds { get; set; } = 60;

    /// <summary>How long a sign-in lasts without a visit; each visit in the second half of it renews the cookie.</summary>
    public double SignInDays { get; set; } = 30;

    /// <summary>Papers one account may submit (page and API together) per window; the next gets 429 with Retry-After.</summary>
    public int SubmitPermitsPerWindow { get; set; } = 20;

    public double SubmitWindowSeconds { get; set; } = 3600;

    /// <summary>The arXiv query API that submissions fetch metadata from; tests point it at a fake server.</summary>
    public Uri ArxivApi { get; set; } = new("https://export.arxiv.org/api/query");

    /// <summary>Seconds between requests to the arXiv API (arXiv asks for at least 3).</summary>
    public double ArxivRequestIntervalSeconds { get; set; } = 3;

    /// <summary>The largest file an admin may import from the web, in bytes.</summary>
    public long MaxImportBytes { get; set; } = 1L << 30;
}
