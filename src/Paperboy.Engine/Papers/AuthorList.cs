namespace Paperboy.Papers;

/// <summary>Splits author strings such as <c>"A. Smith, B. Jones (MIT) and C. Wu"</c> into names.</summary>
public static class AuthorList
{
    /// <summary>Names split on commas and a final "and", ignoring commas inside parentheses (affiliations are dropped).</summary>
    public static string[] Split(string authors)
    {
        var names = new List<string>();
        var depth = 0;
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < authors.Length; i++)
        {
            var c = authors[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && (c == ',' || c == ';' || IsAndAt(authors, i)))
            {
                Add(names, current);
                i += c == ' ' ? 4 : 0;
            }
            else if (depth == 0)
            {
                current.Append(c);
            }
        }

        Add(names, current);
        return names.ToArray();
    }

    private static bool IsAndAt(string text, int i) =>
        text[i] == ' ' && string.CompareOrdinal(text, i, " and ", 0, 5) == 0;

    private static void Add(List<string> names, System.Text.StringBuilder current)
    {
        var name = current.ToString().Trim();
        current.Clear();
        if (name.Length > 0 && !name.Equals("et al.", StringComparison.OrdinalIgnoreCase))
        {
            names.Add(name);
        }
    }
}
