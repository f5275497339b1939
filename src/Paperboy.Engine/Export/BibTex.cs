using System.Text;
using Paperboy.Papers;

namespace Paperboy.Export;

/// <summary>Writes papers as BibTeX <c>@misc</c> entries in arXiv's own style (eprint, archivePrefix, primaryClass).</summary>
public static class BibTex
{
    /// <summary>The BibTeX entry for one paper.</summary>
    public static string Entry(Paper paper)
    {
        var builder = new StringBuilder();
        builder.Append("@misc{").Append(Key(paper)).Append(",\n");
        Field(builder, "title", "{" + Escape(paper.Title) + "}");
        if (paper.Authors.Count > 0)
        {
            Field(builder, "author", Escape(string.Join(" and ", paper.Authors)));
        }

        var year = (paper.Published ?? paper.Listed ?? paper.Updated)?.Year;
        if (year is not null)
        {
            Field(builder, "year", year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (paper.HasArxivId)
        {
            Field(builder, "eprint", paper.Id);
            Field(builder, "archivePrefix", "arXiv");
            if (paper.Categories.Count > 0)
            {
                Field(builder, "primaryClass", paper.Categories[0]);
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
        var surname = paper.Authors.Count > 0 ? paper.Authors[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1] : "anon";
        var year = (paper.Published ?? paper.Listed ?? paper.Updated)?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var word = TitleKey.Normalise(paper.Title).Split(' ').FirstOrDefault(w => w.Length > 3) ?? "paper";
        return new string((TitleKey.Normalise(surname) + year + word).Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    private static void Field(StringBuilder builder, string name, string value) =>
        builder.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    // Titles and abstracts keep their LaTeX; only the characters that would break the entry are escaped.
    private static string Escape(string text) => text.Replace("&", "\\&").Replace("%", "\\%").Replace("#", "\\#");
}
