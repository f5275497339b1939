using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>Parses arXiv identifiers in their modern (<c>2212.09525v2</c>) and old (<c>hep-th/9901001v1</c>) forms.</summary>
public static partial class ArxivId
{
    [GeneratedRegex(@"^(?:arxiv:)?(?<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?<v>\d+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"arxiv\.org/(?:abs|pdf|html)/(?<rest>[^?#\s]+?)(?:\.pdf)?/?(?:[?#].*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    /// <summary>
    /// The store id that <paramref name="text"/> names as a person or client writes it: the arXiv id (without version) of
    /// an id, <c>arXiv:</c> id or arxiv.org URL, URL-escaped or not (<c>hep-th%2F9901001</c>); otherwise the text trimmed
    /// (a <c>t:</c> id).
    /// </summary>
    public static string StoreKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var unescaped = trimmed.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(trimmed) : trimmed;
        return TryParse(unescaped, out var id, out _) ? id : trimmed;
    }

    /// <summary>Splits <paramref name="text"/> (an id, <c>arXiv:</c> id or arxiv.org URL) into id and version.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, out int? version)
    {
        id = null;
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParseModern(text, out id, out version))
        {
            return true;
        }

        var candidate = text.Trim();
        var url = UrlPattern().Match(candidate);
        if (url.Success)
        {
            candidate = url.Groups["rest"].Value;
        }

        var match = IdPattern().Match(candidate);
        if (!match.Success)
        {
            return false;
        }

        id = match.Groups["id"].Value;
        version = match.Groups["v"].Success ? int.Parse(match.Groups["v"].ValueSpan) : null;
        return true;
    }

    /// <summary>The common case without a regex: <c>yymm.nnnnn</c> with an optional <c>vN</c>.</summary>
    private static bool TryParseModern(string text, [NotNullWhen(true)] out string? id, out int? version)
    {
        id = null;
        version = null;
        var dot = text.IndexOf('.');
        if (dot != 4 || text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var v = text.IndexOf('v', 5);
        var end = v < 0 ? text.Length : v;
        if (end - 5 is < 4 or > 5 || text.AsSpan(5, end - 5).ContainsAnyExceptInRange('0', '9')
            || (v >= 0 && (v + 1 == text.Length || text.AsSpan(v + 1).ContainsAnyExceptInRange('0', '9'))))
        {
            return false;
        }

        id = v < 0 ? text : text[..v];
        version = v < 0 ? null : int.Parse(text.AsSpan(v + 1));
        return true;
    }

    /// <summary>True when <paramref name="id"/> is a bare arXiv id (no version).</summary>
    public static bool IsArxivId(string id) => TryParse(id, out var parsed, out var version) && version is null && parsed == id;
}
