using Paperboy.Papers;

namespace Paperboy.Tests.Support;

/// <summary>Small records for store and merge tests.</summary>
public static class Records
{
    public static PaperRecord Arxiv(string id, string title = "A study of things", int? version = null, int? upvotes = null, string? abstractText = "An abstract.", DateOnly? listed = null, string source = "test") => new()
    {
        Source = source,
        Origin = "test:1",
        ArxivId = id,
        Version = version,
        Title = title,
        Abstract = abstractText,
        Authors = ["Ada Lovelace", "Alan Turing"],
        Categories = ["cs.LG"],
        Listed = listed,
        Upvotes = upvotes,
    };

    public static PaperRecord TitleOnly(string title, int? upvotes = null, int? authorCount = null, string? abstractText = "An abstract.") => new()
    {
        Source = "hf-page",
        Origin = "test:1",
        Title = title,
        Abstract = abstractText,
        AuthorCount = authorCount,
        Upvotes = upvotes,
    };
}
