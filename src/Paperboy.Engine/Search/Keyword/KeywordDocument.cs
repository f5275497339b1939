using Lucene.Net.Documents;
using Paperboy.Papers;

namespace Paperboy.Search.Keyword;

/// <summary>The fields of one paper in the keyword index.</summary>
/// <remarks>
/// Only the id is stored: titles and abstracts live in the store, which is the truth, and highlighting is
/// given the text from there. Title and abstract share one analyzed field: on SciFact a separate title field
/// (boosted or not) ranked worse.
/// </remarks>
internal static class KeywordDocument
{
    public const string Id = "id";
    public const string Text = "text";
    public const string Author = "author";
    public const string Category = "category";
    public const string Day = "day";

    public static Document For(Paper paper)
    {
        var document = new Document
        {
            new StringField(Id, paper.Id, Field.Store.YES),
            new TextField(Text, TextOf(paper), Field.Store.NO),
        };
        foreach (var author in paper.Authors)
        {
            document.Add(new TextField(Author, author, Field.Store.NO));
        }

        foreach (var category in paper.Categories)
        {
            document.Add(new StringField(Category, CategoryKey(category), Field.Store.NO));
        }

        if (DayOf(paper) is { } day)
        {
            document.Add(new Int32Field(Day, day, Field.Store.NO));
            document.Add(new NumericDocValuesField(Day, day));
        }

        return document;
    }

    /// <summary>The indexed text: the title, then the abstract.</summary>
    public static string TextOf(Paper paper) =>
        paper.Abstract.Length == 0 ? paper.Title : paper.Title + "\n" + paper.Abstract;

    /// <summary>Categories match without regard to case (<c>cat:cs.lg</c> finds <c>cs.LG</c>).</summary>
    public static string CategoryKey(string category) => category.Trim().ToLowerInvariant();

    /// <summary>The day date filters and the newest-first order use: the listing day, else publication, else update.</summary>
    public static int? DayOf(Paper paper) => (paper.Listed ?? paper.Published ?? paper.Updated) is { } day ? DayNumber(day) : null;

    /// <summary>A day as the sortable number yyyymmdd.</summary>
    public static int DayNumber(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;
}
