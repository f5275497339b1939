using System.Globalization;

namespace Paperboy.Web;

/// <summary>The <c>p</c> parameter of the paged pages (listings, trending, search): a page number from 1.</summary>
public static class PageParameter
{
    /// <summary>The page <paramref name="text"/> names, 1 when absent; null when it is not a whole number from 1 ("abc", "0", "1e9", "99999999999").</summary>
    public static int? Parse(string? text) =>
        string.IsNullOrEmpty(text) ? 1
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page
        : null;
}
