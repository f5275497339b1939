using System.Text.RegularExpressions;

namespace Paperboy.Web.Tests.Support;

/// <summary>Small readers of the site's HTML for in-process tests (the browser tests use a real DOM).</summary>
public static partial class Html
{
    /// <summary>The ids of the paper cards on a page, in order.</summary>
    public static IReadOnlyList<string> PaperIds(string html) =>
        PaperCard().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The href of the link with this rel, or null.</summary>
    public static string? LinkWithRel(string html, string rel) =>
        Regex.Match(html, $"<a[^>]*rel=\"{rel}\"[^>]*href=\"([^\"]*)\"") is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<article class=\"paper-card\" data-paper-id=\"([^\"]*)\"")]
    private static partial Regex PaperCard();
}
