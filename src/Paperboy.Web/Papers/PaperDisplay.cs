using System.Globalization;
using Paperboy.Papers;

namespace Paperboy.Web.Papers;

/// <summary>How a paper is shown and linked on the site: its URL, an authors line, a short abstract, links to arXiv.</summary>
public static class PaperDisplay
{
    /// <summary>The paper's page; ids keep their <c>/</c> (old arXiv ids such as <c>hep-th/9901001</c>) and other characters are escaped.</summary>
    /// <remarks>The colon of <c>t:</c> ids is legal in a path segment and left readable.</remarks>
    public static string Url(string id) => "/papers/" + string.Join('/', id.Split('/').Select(s => Uri.EscapeDataString(s).Replace("%3A", ":", StringComparison.Ordinal)));

    public static string Url(Paper paper) => Url(paper.Id);

    /// <summary>Up to <paramref name="shown"/> author names, then how many more; or "N authors" when only the count is known.</summary>
    public static string Authors(Paper paper, int shown = 4)
    {
        var names = paper.Authors;
        if (names.Count == 0)
        {
            return paper.AuthorCount is { } count and > 0 ? $"{count} author{(count == 1 ? "" : "s")}" : "";
        }

        return names.Count <= shown
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(shown))} and {names.Count - shown} more";
    }

    /// <summary>The start of the display abstract, cut at a word near <paramref name="chars"/> characters.</summary>
    public static string Snippet(Paper paper, int chars = 320)
    {
        var text = paper.DisplayAbstract.ReplaceLineEndings(" ");
        if (text.Length <= chars)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', chars);
        return string.Concat(text.AsSpan(0, cut > chars / 2 ? cut : chars), "…");
    }

    /// <summary>The day the paper is dated by on listings: its listing day, else its publication day.</summary>
    public static DateOnly? Day(Paper paper) => paper.Listed ?? paper.Published;

    public static string DayText(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string? ArxivAbsUrl(Paper paper) => paper.HasArxivId ? $"https://arxiv.org/abs/{paper.Id}" : null;

    public static string? ArxivPdfUrl(Paper paper) => paper.HasArxivId ? $"https://arxiv.org/pdf/{paper.Id}" : null;
}
