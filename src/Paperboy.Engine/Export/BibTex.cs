using System.Text;
using Paperboy.Papers;

namespace Paperboy.Export;

/// <summary>Writes papers as BibTeX <c>@misc</c> entries in arXiv's own style (eprint, archivePrefix, primaryClass).</summary>
public static class BibTex
{
    /// <summary>The BibTeX entry for one paper, under its <see cref="Key"/>.</summary>
    public static string Entry(Paper paper) => Entry(paper, Key(paper));

    /// <summary>The BibTeX entry for one paper under <paramref name="key"/> (see <see cref="BibTexKeys"/> for a file of many).</summary>
    public static string Entry(Paper paper, string key)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var builder = new StringBuilder();
        builder.Append("@misc{").Append(key).Append(",\n");
        Field(builder, "title", "{" + Escape(paper.Title) + "}");
        if (paper.Authors.Count > 0)
        {
            Field(builder, "author", Escape(string.Join(" and ", paper.Authors)));
        }

        if (Year(paper) is { } year)
        {
            Field(builder, "year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (paper.HasArxivId)
        {
            Field(builder, "eprint", paper.Id);
            Field(builder, "archivePrefix", "arXiv");
            if (paper.Categories.Count > 0)
            {
                Field(builder, "primaryClass", Escape(paper.Categories[0]));
            }

            Field(builder, "url", $"https://arxiv.org/abs/{paper.Id}");
        }

        if (paper.Doi is not null)
        {
            Field(builder, "doi", Escape(paper.Doi));
        }

        return builder.Append("}\n").ToString();
    }

    /// <summary>A citation key: first author's surname, year, and the first title word (e.g. <c>vaswani2017attention</c>).</summary>
    public static string Key(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var surname = paper.Authors.Count > 0 ? paper.Authors[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1] : "anon";
        var year = Year(paper)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var word = TitleKey.Normalise(paper.Title).Split(' ').FirstOrDefault(w => w.Length > 3) ?? "paper";
        return new string((TitleKey.Normalise(surname) + year + word).Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    /// <summary>
    /// The year of first publication: the published day's, else the one an arXiv id encodes (<c>2212.09525</c>: 2022;
    /// <c>hep-th/9901001</c>: 1999), else the listing or update day's (which, for a paper revised later, is not its year).
    /// </summary>
    private static int? Year(Paper paper)
    {
        if (paper.Published is { } published)
        {
            return published.Year;
        }

        if (paper.HasArxivId)
        {
            var digits = paper.Id.Contains('/', StringComparison.Ordinal) ? paper.Id[(paper.Id.IndexOf('/', StringComparison.Ordinal) + 1)..] : paper.Id;
            if (digits.Length >= 2 && int.TryParse(digits.AsSpan(0, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var yy))
            {
                // arXiv began in 1991; two-digit years from 91 are the 1990s.
                return yy >= 91 ? 1900 + yy : 2000 + yy;
            }
        }

        return (paper.Listed ?? paper.Updated)?.Year;
    }

    private static void Field(StringBuilder builder, string name, string value) =>
        builder.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    /// <summary>
    /// Text for inside a braced field. LaTeX stays as it is; <c>&amp; % #</c> are escaped, and braces without a partner are
    /// dropped: BibTeX counts every brace, even <c>\}</c>, so one unmatched would end the field or the entry early and
    /// let the rest of the text (from any imported record) write fields or entries of its own.
    /// </summary>
    private static string Escape(string text)
    {
        var unmatched = new HashSet<int>();
        var open = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                open.Push(i);
            }
            else if (text[i] == '}' && !open.TryPop(out _))
            {
                unmatched.Add(i);
            }
        }

        unmatched.UnionWith(open);
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (unmatched.Contains(i))
            {
                continue;
            }

            if (text[i] is '&' or '%' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(text[i]);
        }

        return escaped.ToString();
    }
}
