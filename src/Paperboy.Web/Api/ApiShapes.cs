using System.Text.Json.Serialization;
using Paperboy.Papers;
using Paperboy.Web.Papers;

namespace Paperboy.Web.Api;

/// <summary>An author as Hugging Face's API gives one.</summary>
public sealed record ApiAuthor(string Name);

/// <summary>A paper in the API, in Hugging Face's field names where it has them (<c>summary</c>, <c>publishedAt</c>, <c>upvotes</c>).</summary>
public sealed record ApiPaper(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<ApiAuthor> Authors,
    int? NumAuthors,
    DateTimeOffset? PublishedAt,
    DateOnly? ListedOn,
    DateOnly? UpdatedOn,
    int Upvotes,
    IReadOnlyList<string> Categories,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ArxivUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PdfUrl,
    string Url)
{
    public static ApiPaper Of(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return new ApiPaper(
            paper.Id,
            paper.Title,
            paper.DisplayAbstract,
            paper.Authors.Select(name => new ApiAuthor(name)).ToList(),
            paper.AuthorCount ?? (paper.Authors.Count > 0 ? paper.Authors.Count : null),
            At(paper.Published ?? paper.Listed),
            paper.Listed,
            paper.Updated,
            paper.Upvotes,
            paper.Categories,
            PaperDisplay.ArxivAbsUrl(paper),
            PaperDisplay.ArxivPdfUrl(paper),
            PaperDisplay.Url(paper));
    }

    internal static DateTimeOffset? At(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}

/// <summary>An entry of <c>/api/daily_papers</c>: the paper, and the listing's own copy of its title, summary and date (as Hugging Face nests them).</summary>
public sealed record ApiDailyPaper(
    ApiPaper Paper,
    string Title,
    string Summary,
    DateTimeOffset? PublishedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TrendingScore)
{
    public static ApiDailyPaper Of(Paper paper, double? trendingScore = null)
    {
        // The readable abstract is derived anew at each read of DisplayAbstract: the nested paper's copy serves both.
        var nested = ApiPaper.Of(paper);
        return new(nested, nested.Title, nested.Summary, ApiPaper.At(paper.Listed ?? paper.Published), trendingScore);
    }
}

/// <summary>A search result: the paper, its score and which search legs found it, and the title with matches in <c>&lt;mark&gt;</c>.</summary>
public sealed record ApiSearchResult(ApiPaper Paper, string Title, string Summary, double Score, IReadOnlyList<string> FoundBy, string HighlightedTitle);

/// <summary>A related paper, with its similarity score.</summary>
public sealed record ApiRelatedPaper(ApiPaper Paper, double Score);
