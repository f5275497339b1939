using System.Text;

namespace Paperboy.Ingest.Arxiv;

/// <summary>Splits arXiv's one-string author lists (<c>A. One, B. Two and C. Three (MIT)</c>) into names.</summary>
internal static class AuthorList
{
    public static IReadOnlyList<string> Split(string? authors)
    {
        if (string.IsNullOrWhiteSpace(authors))
        {
            return [];
        }

        // Affiliations are parenthesised and may hold commas; they are not names, so they go first.
        var names = ArxivXml.Collapse(WithoutParentheses(authors)).Replace(" and ", ",", StringComparison.Ordinal);
        return [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string WithoutParentheses(string text)
    {
        var kept = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
